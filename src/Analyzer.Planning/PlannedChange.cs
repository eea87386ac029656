using System.Collections.Immutable;
using Extls.Model;

namespace Extls.Planning;

/// <summary>What one command of a plan does to the snapshot, or why it does nothing. Data only: writers word it.</summary>
public enum ChangeKind
{
    /// <summary>A certificate file is imported into a server's store.</summary>
    CertificateImported,

    /// <summary>New-ExchangeCertificate makes a self-signed certificate in a server's store.</summary>
    CertificateCreated,

    /// <summary>New-ExchangeCertificate -GenerateRequest: a request only; nothing the replay reads changes until the certificate is imported.</summary>
    CertificateRequested,

    /// <summary>A certificate is removed from a server's store.</summary>
    CertificateRemoved,

    /// <summary>Services are added to a certificate (Enable-ExchangeCertificate never takes one away).</summary>
    ServicesEnabled,

    /// <summary>The certificate becomes the internal transport certificate: msExchServerInternalTLSCert and Get-TransportService name it.</summary>
    InternalCertificatePublished,

    /// <summary>The overwrite prompt is answered no: the internal transport certificate stays as it was.</summary>
    InternalCertificateKept,

    ReceiveConnectorChanged,
    SendConnectorChanged,
    SendConnectorCreated,
    SendConnectorRemoved,

    /// <summary>On an Edge: New-EdgeSubscription -FileName writes the subscription file with the Edge's current certificate.</summary>
    SubscriptionFileWritten,

    /// <summary>On a Mailbox server: the subscription file is imported; the organisation's AD takes the Edge's certificate.</summary>
    EdgeSubscribed,

    EdgeUnsubscribed,

    /// <summary>Set-HybridConfiguration changes what the Hybrid Configuration Wizard set (its TlsCertificateName, its servers).</summary>
    HybridConfigurationChanged,

    /// <summary>A command that reads or shows something and changes nothing the replay reads.</summary>
    NoEffect,

    /// <summary>A parameter that changes nothing certificate selection depends on, or that the snapshot does not record.</summary>
    ParameterIgnored,

    /// <summary>-WhatIf in the plan: ignored, since the plan is what will be run.</summary>
    WhatIfIgnored,

    /// <summary>Import-ExchangeCertificate of a certificate already in the store: Exchange refuses it and nothing changes.</summary>
    AlreadyInStore,

    /// <summary>A .cer or .p7b imported where the plan made no request for it: its private key is there only if a request was made on that server.</summary>
    PrivateKeyUnknown,
}

/// <summary>How Exchange's "overwrite the existing default SMTP certificate?" prompt was answered.</summary>
public enum PromptAnswer
{
    Yes,
    No,
}

/// <summary>Where the answer to the prompt came from.</summary>
public enum PromptSource
{
    /// <summary>-Force (A10: answers yes).</summary>
    Force,

    /// <summary>-Confirm:$false (A10: answers yes).</summary>
    ConfirmFalse,

    /// <summary>The plan does not say: the rehearsal answers it one way in each outcome.</summary>
    Open,
}

/// <summary>One thing a command of the plan does, at its line and column.</summary>
public sealed record PlannedChange(ChangeKind Kind, PlanPosition Position, string Command)
{
    public string? Server { get; init; }

    /// <summary>What changes: a thumbprint, a connector identity, an Edge, a file.</summary>
    public string? Target { get; init; }

    /// <summary>The Exchange property or parameter concerned.</summary>
    public string? Property { get; init; }

    public string? Before { get; init; }

    public string? After { get; init; }

    /// <summary>Set when the change follows from the overwrite prompt: how it was answered, and by what.</summary>
    public PromptAnswer? Answer { get; init; }

    public PromptSource? AnswerSource { get; init; }
}

/// <summary>A snapshot with a plan applied, and what each command did.</summary>
/// <param name="OpenPrompts">Prompts the plan leaves open (no -Force, no -Confirm:$false), all answered <see cref="Answer"/>.</param>
/// <param name="Answer">How open prompts were answered in this application.</param>
public sealed record PlanApplication(
    OrganizationSnapshot Snapshot,
    ImmutableArray<PlannedChange> Changes,
    int OpenPrompts,
    PromptAnswer Answer)
{
    /// <summary>True when an outcome rests on A10: a prompt answered by -Force or -Confirm:$false, or left open.</summary>
    public bool RestsOnA10 => Changes.Any(c => c.Answer is not null);
}
