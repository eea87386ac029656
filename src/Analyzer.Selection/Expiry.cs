namespace Extls.Selection;

/// <summary>Where a certificate stands against the as-of time and the warning window.</summary>
public enum ExpiryState
{
    Valid,
    ExpiresSoon,
    Expired,
}

/// <summary>The one definition of "expired" and "expires soon", shared by the replay and the hygiene rules.</summary>
public static class Expiry
{
    /// <summary>
    /// X.509 validity includes its NotAfter instant, so a certificate is expired only strictly after it.
    /// "Soon" is NotAfter − as-of ≤ the warning window.
    /// </summary>
    public static ExpiryState Classify(DateTimeOffset notAfter, ReplayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (notAfter < options.AsOf)
        {
            return ExpiryState.Expired;
        }

        return notAfter - options.AsOf <= TimeSpan.FromDays(Math.Max(0, options.WarningDays))
            ? ExpiryState.ExpiresSoon
            : ExpiryState.Valid;
    }
}

/// <summary>The events a process predicts for a certificate that has expired or expires soon.</summary>
internal readonly record struct ExpiryEvents(int Expired, int ExpiresSoon);

/// <summary>
/// The expiry step of every process (1 step 5, 2 step 4, 3 step 10, 4 step 2): written once, so that no
/// process can disagree with another on what "expired" means or on what follows from it. The certificate
/// is used either way; only the outcome and the predicted event differ.
/// </summary>
internal static class ExpiryStep
{
    /// <param name="events">The events the process predicts; null when it predicts none (process 4, the sending side).</param>
    public static SelectionOutcome Run(ReplayRun run, DateTimeOffset notAfter, ReplayOptions options, ExpiryEvents? events)
    {
        var reads = Reads.Expiry(notAfter, options);
        // A switch statement, not a switch over a value tuple of this assembly's enums, which is compiled at run time.
        StepReason reason;
        SelectionOutcome outcome;
        int? eventId;
        switch (Expiry.Classify(notAfter, options))
        {
            case ExpiryState.Expired:
                (reason, outcome, eventId) = (StepReason.Expired, SelectionOutcome.SelectedExpired, events?.Expired);
                break;
            case ExpiryState.ExpiresSoon:
                (reason, outcome, eventId) = (StepReason.ExpiresSoon, SelectionOutcome.SelectedExpiresSoon, events?.ExpiresSoon);
                break;
            default:
                (reason, outcome, eventId) = (StepReason.NotExpired, SelectionOutcome.Selected, null);
                break;
        }

        run.Step(StepKind.Expiry, reason, eventId, reads);
        return outcome;
    }
}
