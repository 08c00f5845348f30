using System.Net;
using System.Net.Sockets;

namespace Frontend.Analysis.Tests.CrdBundle;

/// <summary>
/// Serves one fixed body for every GET on 127.0.0.1 and counts the requests, standing in for
/// raw.githubusercontent.com so the download is tested without internet and without leaving the machine.
/// </summary>
internal sealed class LoopbackFileServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly byte[] body;
    private readonly Task serving;
    private int requests;

    public LoopbackFileServer(byte[] body)
    {
        this.body = body;
        var port = FreeLoopbackPort();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        Url = new Uri($"http://127.0.0.1:{port}/crds.yaml");
        serving = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    public int Requests => Volatile.Read(ref requests);

    public void Dispose()
    {
        listener.Close();
        try
        {
            serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener was closed under a pending GetContextAsync: that is how serving ends.
        }
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            Interlocked.Increment(ref requests);
            using var response = context.Response;
            response.ContentType = "application/yaml";
            response.ContentLength64 = body.Length;
            await response.OutputStream.WriteAsync(body).ConfigureAwait(false);
        }
    }
}
