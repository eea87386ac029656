using System.Collections.Immutable;
using Extls.Model;
using Extls.Rules;
using Extls.Selection;
using Extls.TestKit;

namespace Extls.Reporting.Tests;

/// <summary>Hand-built analyses covering every field a writer renders.</summary>
internal static class Samples
{
    public static readonly string InternalThumb = Build.ThumbprintFor("EX02-internal");
    public static readonly string WebThumb = Build.ThumbprintFor("mail-2025");
    public static readonly string OldWebThumb = Build.ThumbprintFor("mail-2023");

    public static ImmutableArray<RuleDescriptor> Rules { get; } =
    [
        Rule("EXTLS1004", "InternalTransportCertificateNotInStore", Severity.Error, "InternalTransportCertificate", 12013,
            "Internal transport certificate not in the server's store", "内部トランスポート証明書がサーバーのストアにありません",
            "The certificate whose thumbprint AD holds is not in Local Computer\\Personal, so X-ANONYMOUSTLS is not offered.\n\nSee selection.md, process 1 step 4.",
            "Enable-ExchangeCertificate -Server {server} -Thumbprint {candidate} -Services SMTP", ["A2"]),
        Rule("EXTLS2001", "ExchangeServerAuthMissing", Severity.Error, "ReceiveConnector", null,
            "Exchange Server authentication missing on a receive connector", "受信コネクタに Exchange Server 認証がありません",
            "Without ExchangeServer in AuthMechanism the connector does not advertise X-ANONYMOUSTLS.",
            "Set-ReceiveConnector '{connector}' -AuthMechanism {current},ExchangeServer", []),
        Rule("EXTLS2008", "StartTlsCertificateExpiresSoon", Severity.Warning, "ReceiveConnector", 12018,
            "STARTTLS certificate expires soon", "STARTTLS 証明書の期限が近づいています",
            "The certificate chosen for STARTTLS expires inside the warning window.",
            "New-ExchangeCertificate -Server {server} -DomainName {name} -Services SMTP -WhatIf", []),
        Rule("EXTLS4004", "Sha1Signature", Severity.Note, "Certificate", null,
            "Certificate signed with SHA-1", "SHA-1 で署名された証明書",
            "SHA-1 signatures are weak; the default self-signed certificate uses one.",
            "New-ExchangeCertificate -Server {server} -Services SMTP", []),
        Rule("EXTLS9003", "SnapshotStale", Severity.Note, "Snapshot", null,
            "Snapshot is stale", "スナップショットが古くなっています",
            "The snapshot was collected long before the as-of time.",
            "Run the collector again.", []),
    ];

    private static RuleDescriptor Rule(string id, string name, Severity severity, string category, int? eventId, string title, string titleJa, string help, string remediation, string[] assumptions) => new()
    {
        Id = id,
        Name = name,
        Title = new LocalizedText(title, titleJa),
        Message = new LocalizedText(title, titleJa),
        DefaultSeverity = severity,
        Category = category,
        EventId = eventId,
        Help = new LocalizedText(help),
        Remediation = remediation,
        Assumptions = [.. assumptions],
    };

    public static ImmutableArray<SelectionResult> Selections { get; } =
    [
        new SelectionResult
        {
            Scenario = Scenario.InboundAnonymousTls,
            Server = "EX01",
            Connector = "EX01\\Default EX01",
            Advertised = false,
            EndedAtStep = 2,
            Outcome = SelectionOutcome.ExchangeServerAuthMissing,
            Trace =
            [
                Step(Scenario.InboundAnonymousTls, StepKind.Load, StepReason.SessionStarts, Read(TraceField.Connector, new TextValue("EX01\\Default EX01"))),
                Step(Scenario.InboundAnonymousTls, StepKind.ExchangeServerAuthentication, StepReason.ExchangeServerNotInAuthMechanism,
                    Read(TraceField.AuthMechanism, new EnumValue(ReceiveAuthMechanism.Tls | ReceiveAuthMechanism.Integrated | ReceiveAuthMechanism.BasicAuth)),
                    Read(TraceField.SuppressXAnonymousTls, new FlagValue(false))),
            ],
            Location = new SourceLocation("servers/EX01/ReceiveConnector.json", 2, "$[0]"),
        },
        new SelectionResult
        {
            Scenario = Scenario.InboundAnonymousTls,
            Server = "EX02",
            Connector = "EX02\\Default EX02",
            Advertised = false,
            EndedAtStep = 4,
            Outcome = SelectionOutcome.CertificateNotInStore,
            Events = [12013],
            Assumptions = [Assumption.A2],
            Trace =
            [
                Step(Scenario.InboundAnonymousTls, StepKind.Load, StepReason.SessionStarts, Read(TraceField.Connector, new TextValue("EX02\\Default EX02"))),
                Step(Scenario.InboundAnonymousTls, StepKind.ExchangeServerAuthentication, StepReason.ExchangeServerInAuthMechanism,
                    Read(TraceField.AuthMechanism, new EnumValue(ReceiveAuthMechanism.Tls | ReceiveAuthMechanism.ExchangeServer)),
                    Read(TraceField.SuppressXAnonymousTls, new FlagValue(false))),
                Step(Scenario.InboundAnonymousTls, StepKind.ReadAd, StepReason.AdValueHoldsCertificate,
                    Read(TraceField.MsExchServerInternalTlsCert, new AdStateValue(AdCertificateState.Present)),
                    Read(TraceField.Thumbprint, new ThumbprintValue(InternalThumb)),
                    Read(TraceField.Subject, new TextValue("CN=EX02"))),
                Step(Scenario.InboundAnonymousTls, StepKind.FindInStore, StepReason.NotInStore,
                    Read(TraceField.Thumbprint, new ThumbprintValue(InternalThumb)),
                    Read(TraceField.StoreCertificates, new NumberValue(1))) with { Event = 12013 },
            ],
        },
        new SelectionResult
        {
            Scenario = Scenario.OutboundAnonymousTls,
            Server = "EX02",
            Advertised = true,
            Certificate = InternalThumb,
            EndedAtStep = 4,
            Outcome = SelectionOutcome.Selected,
            Assumptions = [Assumption.A3],
        },
        new SelectionResult
        {
            Scenario = Scenario.InboundStartTls,
            Server = "EX02",
            Connector = "EX02\\Default Frontend EX02",
            Advertised = true,
            Certificate = WebThumb,
            EndedAtStep = 10,
            Outcome = SelectionOutcome.SelectedExpiresSoon,
            Events = [12018],
            Assumptions = [Assumption.A5, Assumption.A6, Assumption.A7],
            MatchKey = "mail.contoso.com",
            Unknowns = [ReplayProperty.HasPrivateKey],
            HandshakeFails = true,
            Candidates =
            [
                new CandidateVerdict
                {
                    Thumbprint = WebThumb, Subject = "CN=mail.contoso.com",
                    NotBefore = Build.AsOf.AddDays(-340), NotAfter = Build.AsOf.AddDays(20),
                    Eligible = true, Rank = 1, Chosen = true, Unknowns = [ReplayProperty.HasPrivateKey],
                },
                new CandidateVerdict
                {
                    Thumbprint = OldWebThumb, Subject = "CN=mail.contoso.com",
                    NotBefore = Build.AsOf.AddDays(-900), NotAfter = Build.AsOf.AddDays(200),
                    Eligible = false, RefusedBecause = [RefusalReason.NoPrivateKey, RefusalReason.NotV3],
                },
            ],
        },
    ];

    private static TraceStep Step(Scenario process, StepKind kind, StepReason reason, params TraceRead[] reads) =>
        new(new StepId(process, kind), [.. reads], reason);

    private static TraceRead Read(TraceField field, TraceValue value) => new(field, value);

    public static ImmutableArray<Finding> Findings(string culture = "en")
    {
        var ja = culture == "ja";
        return
        [
            new Finding
            {
                RuleId = "EXTLS2001", Name = "ExchangeServerAuthMissing", Severity = Severity.Error, Category = "ReceiveConnector",
                Title = "Exchange Server authentication missing on a receive connector",
                Message = ja ? "受信コネクタ EX01\\Default EX01 に ExchangeServer 認証がありません。" : "Receive connector EX01\\Default EX01 accepts Exchange servers but lacks ExchangeServer authentication: 451 5.7.3 Cannot achieve Exchange Server authentication.",
                Server = "EX01",
                Target = new FindingTarget(FindingTargetKind.ReceiveConnector, "EX01\\Default EX01"),
                Impacts = [new Impact(Scenario.InboundAnonymousTls, "EX01", "EX01\\Default EX01")],
                Remediation = "Set-ReceiveConnector 'EX01\\Default EX01' -AuthMechanism Tls,Integrated,BasicAuth,ExchangeServer",
                Fingerprint = "a1b2c3d4e5f60718",
                Location = new SourceLocation("servers/EX01/ReceiveConnector.json", 2, "$[0]"),
            },
            new Finding
            {
                RuleId = "EXTLS4004", Name = "Sha1Signature", Severity = Severity.Note, Category = "Certificate",
                Title = "Certificate signed with SHA-1",
                Message = ja ? "証明書 CN=EX01 は SHA-1 で署名されています。" : "Certificate CN=EX01 is signed with SHA-1 [sha1RSA].",
                Server = "EX01",
                Target = new FindingTarget(FindingTargetKind.Certificate, "EX01/" + Build.ThumbprintFor("EX01")),
                Remediation = "New-ExchangeCertificate -Server EX01 -Services SMTP",
                Fingerprint = "0badc0ffee000001",
                Location = new SourceLocation("servers/EX01/ExchangeCertificate.json", 0, "$[0]"),
                Suppression = new SuppressionInfo("config", "Default certificate kept until the 2026 renewal.", new DateTimeOffset(2026, 12, 31, 0, 0, 0, TimeSpan.Zero)),
            },
            new Finding
            {
                RuleId = "EXTLS1004", Name = "InternalTransportCertificateNotInStore", Severity = Severity.Error, Category = "InternalTransportCertificate",
                Title = "Internal transport certificate not in the server's store",
                Message = ja ? $"AD の内部トランスポート証明書 {InternalThumb} が EX02 のストアにありません。" : $"The internal transport certificate {InternalThumb} published in AD is not in EX02's store.",
                Server = "EX02",
                Target = new FindingTarget(FindingTargetKind.Server, "EX02"),
                EventId = 12013,
                Impacts =
                [
                    new Impact(Scenario.InboundAnonymousTls, "EX02", "EX02\\Default EX02"),
                    new Impact(Scenario.OutboundAnonymousTls, "EX02", null),
                ],
                Assumptions = ["A2"],
                Remediation = "Enable-ExchangeCertificate -Server EX02 -Thumbprint " + WebThumb + " -Services SMTP\nGet-TransportService EX02 | Format-Table InternalTransportCertificateThumbprint",
                Fingerprint = "ffee000000001004",
                Location = new SourceLocation("servers/EX02/InternalTransportCertificate.json", 3, "$.msExchServerInternalTLSCert"),
            },
            new Finding
            {
                RuleId = "EXTLS2008", Name = "StartTlsCertificateExpiresSoon", Severity = Severity.Warning, Category = "ReceiveConnector",
                Title = "STARTTLS certificate expires soon",
                Message = ja ? "EX02\\Default Frontend EX02 の STARTTLS 証明書は 2026-06-21 に期限切れになります。" : "The STARTTLS certificate of EX02\\Default Frontend EX02 expires on 2026-06-21.",
                Server = "EX02",
                Target = new FindingTarget(FindingTargetKind.ReceiveConnector, "EX02\\Default Frontend EX02"),
                EventId = 12018,
                Impacts = [new Impact(Scenario.InboundStartTls, "EX02", "EX02\\Default Frontend EX02")],
                Assumptions = ["A5", "A7"],
                Remediation = "New-ExchangeCertificate -Server EX02 -DomainName mail.contoso.com -Services SMTP -WhatIf",
                Fingerprint = "ffee000000002008",
                Location = new SourceLocation("servers/EX02/ExchangeCertificate.json", 14, "$[1]"),
            },
            new Finding
            {
                RuleId = "EXTLS9003", Name = "SnapshotStale", Severity = Severity.Note, Category = "Snapshot",
                Title = "Snapshot is stale",
                Message = ja ? "スナップショットは基準日時の 45 日前に収集されました。" : "The snapshot was collected 45 days before the as-of time.",
                Target = new FindingTarget(FindingTargetKind.Snapshot, "Contoso"),
                Remediation = "Run the collector again.",
                Fingerprint = "ffee000000009003",
            },
        ];
    }

    public static AnalysisResult Result(string culture = "en") => new()
    {
        Snapshot = Build.Org(Build.Mailbox("EX01"), Build.Mailbox("EX02")) with
        {
            CollectedAt = Build.AsOf.AddDays(-45),
            Sources = ["dumps/contoso"],
        },
        AsOf = Build.AsOf,
        WarningDays = 30,
        Findings = Findings(culture),
        Selections = Selections,
        Problems = [new ImportProblem("servers/EX03/ReceiveConnector.json", 12, "$[3].AuthMechanism", "'Tls, Kerberos' is not an AuthMechanism value.")],
        Summary = new FindingSummary(2, 1, 1, 1),
        Rules = Rules,
        ExpiredSuppressions =
        [
            new Extls.Rules.Configuration.ExpiredSuppression(
                new Extls.Rules.Configuration.SuppressionRule("EXTLS2008", "EX02\\*", "Renewal booked for the spring change.", Build.AsOf.AddDays(-10),
                    new SourceLocation("extls.yaml", 7, "$.suppressions[0]")),
                1),
        ],
    };

    public static AnalysisResult Empty() => new()
    {
        Snapshot = Build.Org(Build.Mailbox("EX01")) with { CollectedAt = null, Organization = null },
        AsOf = Build.AsOf,
        WarningDays = 30,
        Findings = [],
        Selections = [],
        Summary = new FindingSummary(0, 0, 0, 0),
        Rules = Rules,
    };
}

/// <summary>Finds files of the repository, from wherever the tests run; nothing outside it.</summary>
internal static class RepoPaths
{
    public static string Root => Repository.Root;

    public static string Schema(string name) => Path.Combine(Root, "schemas", name);
}
