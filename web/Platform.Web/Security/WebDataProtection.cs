using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.Web.Security;

/// <summary>
/// The key ring that encrypts sign-in cookies and signs anti-forgery tokens. Several replicas behind
/// the gateway must share it, or a cookie issued by one is refused by the next: one application name
/// and one folder (<c>Web:DataProtection:KeysDirectory</c>, a volume every replica mounts). The keys
/// in that folder are encrypted with <c>Web:DataProtection:CertificatePath</c> (a PKCS#12 file with
/// its private key, password <c>Web:DataProtection:CertificatePassword</c>); outside Development a
/// shared folder without a certificate is refused, since anyone who reads the folder could then
/// forge any session. With no folder the keys stay in the process's own profile (one instance).
/// </summary>
public static class WebDataProtection
{
    /// <summary>Fixed, so that replicas installed in different paths still share keys.</summary>
    public const string ApplicationName = "platform-web";

    public static void AddWebDataProtection(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var dataProtection = services.AddDataProtection().SetApplicationName(ApplicationName);
        var keys = Setting(configuration, "Web:DataProtection:KeysDirectory");
        var certificatePath = Setting(configuration, "Web:DataProtection:CertificatePath");
        if (keys is null)
        {
            return;
        }
        dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keys));
        if (certificatePath is not null)
        {
            dataProtection.ProtectKeysWithCertificate(LoadCertificate(certificatePath, Setting(configuration, "Web:DataProtection:CertificatePassword")));
        }
        else if (!environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                "Web:DataProtection:KeysDirectory is set but Web:DataProtection:CertificatePath is not: outside Development the shared key ring " +
                "must be encrypted at rest. Mount a PKCS#12 certificate with its private key and set Web__DataProtection__CertificatePath " +
                "(and Web__DataProtection__CertificatePassword).");
        }
    }

    private static X509Certificate2 LoadCertificate(string path, string? password)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Web:DataProtection:CertificatePath names {path}, which does not exist.");
        }
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"Web:DataProtection:CertificatePath names {path}, which holds no private key: the key ring could not be read back.");
        }
        return certificate;
    }

    private static string? Setting(IConfiguration configuration, string key) =>
        string.IsNullOrWhiteSpace(configuration[key]) ? null : configuration[key]!.Trim();
}
