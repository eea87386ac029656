using System.CommandLine;

namespace Extls.Cli.Commands;

internal sealed record CollectorOptions(string Output, bool Force);

/// <summary>
/// <c>extls collector --output DIR</c>: writes the read-only collector script that ships inside the tool,
/// so an administrator who installed only the tool can take it to an Exchange server.
/// </summary>
internal sealed class CollectorCommand
{
    private readonly Option<string> output = new("--output", "-o")
    {
        Description = "The folder to write " + ToolFiles.CollectorFileName + " into; it is created when missing.",
        Required = true,
        HelpName = "DIR",
    };

    private readonly Option<bool> force = new("--force")
    {
        Description = "Overwrite " + ToolFiles.CollectorFileName + " when the folder already holds one.",
    };

    private readonly CliHost host;

    public CollectorCommand(CliHost host)
    {
        this.host = host;
        Command = new Command(
            "collector",
            "Write the collector script, " + ToolFiles.CollectorFileName + ", into a folder. Copy it to an Exchange server and run it in the " +
            "Exchange Management Shell (Windows PowerShell 5.1) or PowerShell 7 with the Exchange cmdlets loaded: it only reads " +
            "(Get-* cmdlets and one AD attribute), never changes anything and never exports a private key, and writes the dump " +
            "that 'extls analyze' reads. Run it once more on each Edge Transport server. 'Get-Help .\\" + ToolFiles.CollectorFileName +
            " -Full' explains its options.")
        {
            output, force,
        };
        Command.SetAction(parseResult => Execute(new CollectorOptions(parseResult.GetValue(output)!, parseResult.GetValue(force))));
    }

    public Command Command { get; }

    public int Execute(CollectorOptions options)
    {
        var script = ToolFiles.CollectorScript()
            ?? throw new InvalidOperationException("this build of extls does not carry the collector script.");
        var folder = host.FullPath(options.Output);
        var target = Path.Combine(folder, ToolFiles.CollectorFileName);
        if (File.Exists(folder))
        {
            throw new UsageException($"'{options.Output}' is a file, not a folder: give the folder to write {ToolFiles.CollectorFileName} into.", $"'{options.Output}' はフォルダーではなくファイルです。{ToolFiles.CollectorFileName} を書き込むフォルダーを指定してください。");
        }

        if (File.Exists(target) && !options.Force)
        {
            throw new UsageException($"{target} already exists; it is left as it is. Add --force to overwrite it, or choose another folder.", $"{target} は既に存在するため、そのままにします。上書きする場合は --force を付けるか、別のフォルダーを指定してください。");
        }

        try
        {
            Directory.CreateDirectory(folder);

            // Beside the target, then moved over it: an interrupted write never leaves half a script behind.
            var temp = Path.Combine(folder, $".{ToolFiles.CollectorFileName}.{Guid.NewGuid():N}.tmp");
            try
            {
                File.WriteAllBytes(temp, script);
                File.Move(temp, target, overwrite: options.Force);
            }
            finally
            {
                if (File.Exists(temp))
                {
                    File.Delete(temp);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot write {ToolFiles.CollectorFileName} into '{options.Output}': {e.Message}", $"{ToolFiles.CollectorFileName} を '{options.Output}' に書き込めません: {e.Message}");
        }

        host.Out.Write($"Wrote {target}\n");
        host.Out.Write($"On an Exchange server, in the Exchange Management Shell: .\\{ToolFiles.CollectorFileName} -OutputPath C:\\Temp\\extls-dump -Zip\n");
        host.Out.Write("Then, where extls is installed: extls analyze C:\\Temp\\extls-dump.zip\n");
        return ExitCodes.Ok;
    }
}
