namespace Frontend.Infra.Configuration;

/// <summary>The rules for <see cref="ClientTlsConfig"/>, as Istio's ValidateTLS (client TLS settings) applies them.</summary>
internal static class ClientTlsRules
{
    public static readonly IReadOnlyList<string> TlsModes = ["DISABLE", "SIMPLE", "MUTUAL", "ISTIO_MUTUAL"];

    public static void Validate(ConfigPath path, ClientTlsConfig tls, bool strictMtls, Problems problems)
    {
        if (!RuleChecks.OneOf(path.Property("mode"), tls.Mode, TlsModes, problems))
        {
            return;
        }

        if (tls.Mode == "ISTIO_MUTUAL")
        {
            var others = new (string Name, object? Value)[]
            {
                ("sni", tls.Sni), ("subjectAltNames", tls.SubjectAltNames), ("caCertificates", tls.CaCertificates),
                ("clientCertificate", tls.ClientCertificate), ("privateKey", tls.PrivateKey), ("credentialName", tls.CredentialName),
            };
            foreach (var (name, value) in others.Where(o => o.Value is not null))
            {
                problems.Error(path.Property(name), "must not be set with mode ISTIO_MUTUAL, which uses the mesh's own certificates", RuleChecks.ShowAny(value), path.Property(name).RemoveCommand());
            }
        }

        if (tls.Mode is "SIMPLE" or "MUTUAL" && !string.IsNullOrEmpty(tls.CredentialName))
        {
            // The Secret named by credentialName carries the certificates; Istio refuses files beside it.
            var files = new (string Name, string? Value)[] { ("clientCertificate", tls.ClientCertificate), ("privateKey", tls.PrivateKey), ("caCertificates", tls.CaCertificates) };
            foreach (var (name, value) in files.Where(f => !string.IsNullOrEmpty(f.Value)))
            {
                problems.Error(path.Property(name), "must not be set with credentialName: the Secret it names holds the certificate, key and CA (Istio refuses both)", ConfigValue.Show(value), path.Property(name).RemoveCommand());
            }
        }
        else if (tls.Mode == "MUTUAL")
        {
            ValidateMutualFiles(path, tls, problems);
        }

        if (tls.Mode == "DISABLE" && strictMtls)
        {
            problems.Error(path.Property("mode"), "cannot be DISABLE while mtls.mode is STRICT: the app's sidecars would refuse the plain-text traffic", "\"DISABLE\"", $"{path.Property("mode").SetCommand("ISTIO_MUTUAL")} (or remove 'tls' to let auto-mTLS decide)");
        }
    }

    /// <summary>MUTUAL presents a client certificate: without a credential Secret, Istio requires both files.</summary>
    private static void ValidateMutualFiles(ConfigPath path, ClientTlsConfig tls, Problems problems)
    {
        var certificate = !string.IsNullOrEmpty(tls.ClientCertificate);
        var key = !string.IsNullOrEmpty(tls.PrivateKey);
        if (!certificate && !key)
        {
            problems.Error(
                path,
                "mode MUTUAL presents a client certificate, so it needs one: a credentialName (a Secret holding the certificate and key) or both clientCertificate and privateKey (files mounted in the sidecar); Istio refuses it without",
                "mode \"MUTUAL\" without credentialName, clientCertificate or privateKey",
                $"{path.Property("credentialName").SetCommand("frontend-client-tls")} (or {path.Property("mode").SetCommand("ISTIO_MUTUAL")} for the mesh's own certificates)");
        }
        else if (!certificate || !key)
        {
            var (missing, present, example) = certificate
                ? ("privateKey", "clientCertificate", "/etc/certs/client.key")
                : ("clientCertificate", "privateKey", "/etc/certs/client.pem");
            problems.Error(path.Property(missing), $"is required with mode MUTUAL and {present}: the client certificate and its key go together", "(not set)", path.Property(missing).SetCommand(example));
        }
    }
}
