using Extls.Model;

namespace Extls.TestKit;

/// <summary>
/// Changes to one section of a snapshot built by <see cref="Build"/>, shared by the selection and rule
/// tests. Each replacement section keeps a location in the file the raw dump would hold it in, so that
/// findings pointing at it can be checked.
/// </summary>
public static class SnapshotChanges
{
    /// <summary>Replaces the whole certificate store.</summary>
    public static ServerSnapshot WithStore(this ServerSnapshot server, params StoreCertificate[] certificates) =>
        server with { Certificates = Section<StoreCertificate>.Collected([.. certificates], Build.Loc($"servers/{server.Name}/ExchangeCertificate.json")) };

    /// <summary>Replaces every receive connector.</summary>
    public static ServerSnapshot WithConnectors(this ServerSnapshot server, params ReceiveConnector[] connectors) =>
        server with { ReceiveConnectors = Section<ReceiveConnector>.Collected([.. connectors], server.ReceiveConnectors.Location) };

    /// <summary>Get-TransportService as collected, naming <paramref name="thumbprint"/> (null: the property was not collected).</summary>
    public static ServerSnapshot WithTransportThumbprint(this ServerSnapshot server, string? thumbprint) =>
        server with
        {
            TransportService = Section<TransportService>.Collected(
                [new TransportService { InternalTransportCertificateThumbprint = thumbprint, Location = Build.Loc($"servers/{server.Name}/TransportService.json", "$[0]") }],
                Build.Loc($"servers/{server.Name}/TransportService.json")),
        };

    /// <summary>Replaces every send connector of the organisation.</summary>
    public static OrganizationSnapshot WithSendConnectors(this OrganizationSnapshot snapshot, params SendConnector[] connectors) =>
        snapshot with { SendConnectors = Section<SendConnector>.Collected([.. connectors], snapshot.SendConnectors.Location) };
}
