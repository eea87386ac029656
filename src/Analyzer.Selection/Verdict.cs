namespace Extls.Selection;

/// <summary>
/// What happens to the sessions a replay stands for, in one word: the outcome together with the two facts
/// that change its meaning (a handshake that fails for want of SMTP, a hybrid connector that picks its
/// certificate by the server's own FQDN). Summaries and drawings read this rather than re-judging outcomes.
/// </summary>
public enum Verdict
{
    /// <summary>A certificate is chosen and used; nothing is wrong with it.</summary>
    Works,

    /// <summary>As <see cref="Works"/>, inside the warning window.</summary>
    ExpiresSoon,

    /// <summary>Still used, though expired.</summary>
    Expired,

    /// <summary>A certificate without SMTP is chosen; the handshake fails (A6).</summary>
    HandshakeFails,

    /// <summary>A connector to Exchange Online picks its certificate by the server's own FQDN (EXTLS3005).</summary>
    WrongCertificateForExchangeOnline,

    /// <summary>X-ANONYMOUSTLS or STARTTLS is not advertised, or not used when sending.</summary>
    NotOffered,

    /// <summary>Process 4: TlsCertificateName names a certificate the source server lacks (454 4.7.5).</summary>
    SendFails,

    /// <summary>A value the replay needs is missing.</summary>
    Undetermined,
}

public static class Verdicts
{
    public static Verdict VerdictOf(this SelectionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Outcome switch
        {
            SelectionOutcome.Undetermined => Verdict.Undetermined,
            SelectionOutcome.SendCertificateNotFound => Verdict.SendFails,
            SelectionOutcome.Selected or SelectionOutcome.SelectedExpiresSoon or SelectionOutcome.SelectedExpired when result.HandshakeFails => Verdict.HandshakeFails,
            SelectionOutcome.Selected or SelectionOutcome.SelectedExpiresSoon or SelectionOutcome.SelectedExpired when result.ImplicitHybridCertificate => Verdict.WrongCertificateForExchangeOnline,
            SelectionOutcome.Selected => Verdict.Works,
            SelectionOutcome.SelectedExpiresSoon => Verdict.ExpiresSoon,
            SelectionOutcome.SelectedExpired => Verdict.Expired,
            _ => Verdict.NotOffered,
        };
    }

    /// <summary>True when the sessions fail or are not protected as the administrator expects.</summary>
    public static bool Fails(this Verdict verdict) =>
        verdict is Verdict.HandshakeFails or Verdict.WrongCertificateForExchangeOnline or Verdict.NotOffered or Verdict.SendFails;
}
