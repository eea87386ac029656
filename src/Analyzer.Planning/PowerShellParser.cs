using System.Diagnostics.CodeAnalysis;

namespace Extls.Planning;

/// <summary>
/// Whether this build of extls carries PowerShell's parser, which only reading a plan needs: <c>whatif</c>, the
/// rehearsal of <c>renew</c> and <c>analyze --verify-remediation</c>. It is most of the native executable (its code,
/// and the type data the runtime expands at every start), so the Linux x64 native package ships two executables: a
/// light <c>extls</c> built with the switch off, for everything else, and a companion built with it on, to which the
/// light one hands those commands. Every other build has it on and does everything in one process.
/// </summary>
/// <remarks>
/// Off at publish time (<c>RuntimeHostConfigurationOption</c> with <c>Trim="true"</c>), the compiler takes the property
/// as the constant false and removes what only the guarded branches reach: every entry into the parser checks it first.
/// </remarks>
public static class PowerShellParser
{
    /// <summary>The runtime switch; the build sets it in the runtime configuration and hands it to the compiler.</summary>
    public const string SwitchName = "Extls.Planning.PowerShellParser";

    /// <summary>True unless the build turned the switch off.</summary>
    [FeatureSwitchDefinition(SwitchName)]
    public static bool IsSupported => !AppContext.TryGetSwitch(SwitchName, out var on) || on;

    /// <summary>What a guarded entry throws in a build without the parser: reaching it is a fault of the caller, which hands such a command to the companion first.</summary>
    internal static NotSupportedException Missing() =>
        new("this extls executable was built without PowerShell's parser; whatif, renew and analyze --verify-remediation run in its companion executable");
}
