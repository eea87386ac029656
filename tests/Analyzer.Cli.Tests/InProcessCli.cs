using Extls.TestKit;

namespace Extls.Cli.Tests;

/// <summary>
/// extls run in this process through the real libraries, as the command line runs it: the console 120 columns wide and
/// redirected, no environment, the repository as the working folder.
/// </summary>
internal static class InProcessCli
{
    public static (int Code, string Out, string Error) Run(params string[] args) => RunIn(Repository.Root, args);

    /// <summary>The same with <paramref name="folder"/> as the working folder, which relative paths start from.</summary>
    public static (int Code, string Out, string Error) RunIn(string folder, params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var host = new CliHost(output, error, true, 120, _ => null, folder, new LibraryServices(folder));
        var code = CliApp.Run(args, host);
        return (code, output.ToString(), error.ToString());
    }
}
