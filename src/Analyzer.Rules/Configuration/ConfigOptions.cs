namespace Extls.Rules.Configuration;

/// <summary>Combines extls.yaml with the command line: an option given on the command line wins over the file.</summary>
public static class ConfigOptions
{
    /// <param name="config">The configuration file's contents (or <see cref="ExtlsConfig.Empty"/>).</param>
    /// <param name="snapshotCollectedAt">The default as-of time: when the snapshot was collected, never the wall clock.</param>
    /// <param name="asOf">--as-of, when given.</param>
    /// <param name="warningDays">--warning-days, when given.</param>
    /// <param name="culture">--culture ("en" or "ja").</param>
    /// <param name="noSuppressions">--no-suppressions (audit mode).</param>
    /// <param name="fallbackAsOf">Used only when neither the options, the file nor the snapshot give a time.</param>
    public static AnalysisOptions ToAnalysisOptions(
        this ExtlsConfig config,
        DateTimeOffset? snapshotCollectedAt,
        DateTimeOffset? asOf = null,
        int? warningDays = null,
        string culture = "en",
        bool noSuppressions = false,
        DateTimeOffset fallbackAsOf = default) =>
        new(
            asOf ?? config.AsOf ?? snapshotCollectedAt ?? fallbackAsOf,
            warningDays ?? config.WarningDays ?? AnalysisOptions.DefaultWarningDays,
            config.RuleSeverities,
            culture)
        {
            Suppressions = config.Suppressions,
            NoSuppressions = noSuppressions,
        };

    /// <summary>--fail-on when given, else the file's failOn, else error.</summary>
    public static FailOn ResolveFailOn(this ExtlsConfig config, FailOn? option) => option ?? config.FailOn ?? FailOn.Error;
}
