using System.CommandLine;
using System.Text;
using Extls.Redaction;
using Extls.Reporting;

namespace Extls.Cli.Commands;

internal sealed record RedactOptions(string Path, string Output, string? Key, string? Mapping, bool Force, string Culture = "en");

internal sealed record RevealOptions(string Mapping, IReadOnlyList<string> Files, string? Output, RevealFormat? Format, string Culture = "en");

/// <summary>
/// <c>extls redact DUMP -o OUT [--key K]</c>: a copy of a dump that can be sent outside the organisation, every name
/// replaced by a consistent pseudonym and every certificate re-issued under them, which analyses as the original does;
/// and <c>extls redact --reveal MAPPING FILE…</c>: the real names back in a report made from it.
/// </summary>
internal sealed class RedactCommand
{
    public const string KeyVariable = "EXTLS_REDACTION_KEY";

    private readonly Argument<string[]> paths = new("PATH")
    {
        Description = "The dump to redact (a folder or zip, in any format the analyzer reads); with --reveal, the reports to restore.",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<string> output = new("--output", "-o")
    {
        Description = "Where the redacted dump goes: a new folder, or a zip when it ends in .zip. With --reveal: the restored report (one input) or a folder (several); standard output when left out.",
        HelpName = "OUT",
    };

    private readonly Option<string> key = new("--key")
    {
        Description = "The secret the pseudonyms are computed from: the same key gives the same pseudonyms, in every dump. " +
                      "Without it a random key is made and written only into the mapping file. Also read from " + KeyVariable + ".",
        HelpName = "K",
    };

    private readonly Option<string> mapping = new("--mapping")
    {
        Description = "Where to write the mapping file (pseudonym → real name). Default: beside OUT, as OUT.mapping.json. Never inside OUT.",
        HelpName = "FILE",
    };

    private readonly Option<string> reveal = new("--reveal")
    {
        Description = "Put the real names back into reports (console text, JSON, SARIF, CSV, Markdown, HTML) made from a redacted dump, using its mapping file.",
        HelpName = "MAPPING",
    };

    private readonly Option<string> format = new("--format")
    {
        Description = "With --reveal: how the reports escape names (text, json, html, csv, markdown). Default: from each file's extension.",
        HelpName = "FORMAT",
    };

    private readonly Option<bool> force = new("--force")
    {
        Description = "Replace OUT and the mapping file when they exist.",
    };

    private readonly Option<string> culture = CommonOptions.Culture();

    private readonly CliHost host;

    public RedactCommand(CliHost host)
    {
        this.host = host;
        Command = new Command(
            "redact",
            "Make a copy of a dump that can be shared: server names, FQDNs and domains, connector names, certificate subjects, issuers " +
            "and SANs, AD distinguished names, IP addresses, GUIDs, the organisation, users and hosts are replaced by pseudonyms " +
            "(SRV-3FA91C07, srv-3fa91c07.example-5e6f7a8b.test, Name-1c2d3e4f, addresses prefix-preserved), consistently across files, and " +
            "with the same --key across dumps. Certificates are re-issued under the pseudonymous names with the same dates, key size, " +
            "signature algorithm and structure, so the copy analyses to the same findings. The mapping file, kept by you and never put in " +
            "the copy, turns pseudonyms in a report back into names: 'extls redact --reveal MAPPING REPORT'. docs/redaction.md says what is " +
            "replaced and what stays. Exit code 0 on success, 2 for a wrong command line or an output that cannot be written, 3 for input " +
            "that cannot be read (every problem listed with its file, line and path).")
        {
            paths, output, key, mapping, reveal, format, force, culture,
        };
        Command.SetAction(parseResult => parseResult.GetValue(reveal) is { } map
            ? Reveal(new RevealOptions(map, parseResult.GetValue(paths)!, parseResult.GetValue(output), ParseFormat(parseResult.GetValue(format)),
                CommonOptions.ParseCulture(parseResult.GetValue(culture))))
            : Execute(Bind(parseResult)));
    }

    public Command Command { get; }

    private RedactOptions Bind(ParseResult parseResult)
    {
        var inputs = parseResult.GetValue(paths)!;
        if (inputs.Length != 1)
        {
            throw new UsageException("redact takes one dump (a folder or zip); redact each dump of an organisation with the same --key.", "redact が受け付けるダンプは 1 つ (フォルダーまたは zip) です。組織の各ダンプは同じ --key で 1 つずつ匿名化してください。");
        }

        var target = parseResult.GetValue(output)
            ?? throw new UsageException("redact writes a new dump: give --output OUT (a folder, or a file ending in .zip).", "redact は新しいダンプを書き出します。--output OUT (フォルダー、または .zip で終わるファイル) を指定してください。");
        if (parseResult.GetValue(format) is not null)
        {
            throw new UsageException("--format goes with --reveal.", "--format は --reveal と一緒に指定します。");
        }

        var secret = parseResult.GetValue(key) ?? host.Environment(KeyVariable);
        return new RedactOptions(inputs[0], target, string.IsNullOrEmpty(secret) ? null : secret, parseResult.GetValue(mapping), parseResult.GetValue(force),
            CommonOptions.ParseCulture(parseResult.GetValue(culture)));
    }

    private static RevealFormat? ParseFormat(string? text) => text?.ToLowerInvariant() switch
    {
        null => null,
        "text" or "console" => RevealFormat.Text,
        "json" or "sarif" => RevealFormat.Json,
        "html" => RevealFormat.Html,
        "csv" => RevealFormat.Csv,
        "markdown" or "md" => RevealFormat.Markdown,
        _ => throw new UsageException($"'{text}' is not a report format: use text, json, sarif, html, csv or markdown.", $"'{text}' はレポートの形式ではありません。text、json、sarif、html、csv、markdown のいずれかを指定してください。"),
    };

    /// <summary>The mapping file's default place: beside the output, never in it.</summary>
    public static string DefaultMapping(string output)
    {
        var full = Path.GetFullPath(output).TrimEnd(Path.DirectorySeparatorChar);
        var stem = full.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? full[..^4] : full;
        return stem + ".mapping.json";
    }

    private static bool IsInside(string path, string folder)
    {
        var f = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return Path.GetFullPath(path).StartsWith(f, StringComparison.Ordinal) || string.Equals(Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar), f[..^1], StringComparison.Ordinal);
    }

    public int Execute(RedactOptions options)
    {
        var input = host.FullPath(options.Path);
        var target = host.FullPath(options.Output);
        var mapPath = options.Mapping is null ? DefaultMapping(target) : host.FullPath(options.Mapping);
        var zip = target.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

        if (!zip && IsInside(mapPath, target))
        {
            throw new UsageException($"The mapping file {mapPath} would be inside the redacted dump {target}, which is meant to be shared: choose a --mapping outside it.", $"対応表ファイル {mapPath} が、共有するための匿名化済みダンプ {target} の中になってしまいます。その外の --mapping を指定してください。");
        }

        if (string.Equals(mapPath, target, StringComparison.Ordinal))
        {
            throw new UsageException("The mapping file and the redacted dump cannot be the same file.", "対応表ファイルと匿名化済みダンプを同じファイルにすることはできません。");
        }

        if (Directory.Exists(input) && (IsInside(target, input) || IsInside(input, target)))
        {
            throw new UsageException($"The output {target} cannot be inside the dump {input} (nor the dump inside it): choose another --output.", $"出力 {target} をダンプ {input} の中に置くことはできません (ダンプを出力の中に置くこともできません)。別の --output を指定してください。");
        }

        if (Directory.Exists(input) && IsInside(mapPath, input))
        {
            throw new UsageException($"The mapping file {mapPath} cannot be inside the dump {input}: the dump is what gets shared. Choose another --mapping.", $"対応表ファイル {mapPath} をダンプ {input} の中に置くことはできません。ダンプは共有されるものです。別の --mapping を指定してください。");
        }

        if (string.Equals(input, target, StringComparison.Ordinal))
        {
            throw new UsageException("The output cannot be the input.", "出力を入力と同じにすることはできません。");
        }

        if (!options.Force && (File.Exists(target) || (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())))
        {
            throw new UsageException($"{target} already exists; it is left as it is. Add --force to replace it, or choose another --output.", $"{target} は既に存在するため、そのままにします。置き換える場合は --force を付けるか、別の --output を指定してください。");
        }

        if (!options.Force && File.Exists(mapPath))
        {
            throw new UsageException($"The mapping file {mapPath} already exists; it is the only way back to the names of an earlier redaction, so it is left as it is. Add --force to replace it, or choose another --mapping.",
                $"対応表ファイル {mapPath} は既に存在します。以前の匿名化から元の名前に戻す唯一の手段なので、そのままにします。置き換える場合は --force を付けるか、別の --mapping を指定してください。");
        }

        RedactionKey secret;
        string? generated = null;
        if (options.Key is { } text)
        {
            secret = RedactionKey.FromText(text);
        }
        else
        {
            (secret, generated) = RedactionKey.Generate();
        }

        RedactionResult result;
        var skipped = new List<string>();
        try
        {
            var files = DumpArchive.Read(input, skipped);
            result = Redactor.Redact(files, secret);
        }
        catch (RedactionException e)
        {
            foreach (var problem in e.Problems)
            {
                host.Error.Write(RedactionWording.Line(Prefix(options.Path, problem), options.Culture));
                host.Error.Write('\n');
            }

            host.Error.Write(RedactionWording.NothingWritten(options.Culture) + "\n");
            return ExitCodes.InputUnreadable;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var problem = new RedactionProblem(options.Path, 0, "$", RedactionProblemKind.CannotRead, new RedactionArguments { Detail = e.Message });
            host.Error.Write($"{RedactionWording.Line(problem, options.Culture)}\n{RedactionWording.NothingWritten(options.Culture)}\n");
            return ExitCodes.InputUnreadable;
        }

        try
        {
            // The mapping first: a dump written without its mapping could never be read back.
            OutputFile.Write(mapPath, new MappingFile(result.Mapping, generated).Write(), mapPath);
            DumpArchive.Write(target, result.Files);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot write the redacted dump to '{options.Output}': {e.Message}", $"匿名化済みダンプを '{options.Output}' に書き込めません: {e.Message}");
        }

        var o = host.Out;
        var c = options.Culture;
        o.Write(RedactionWording.Redacted(result.Files.Count, target, result.Certificates, result.Mapping.Count, c) + "\n");
        o.Write(RedactionWording.MappingFile(mapPath, c) + "\n");
        o.Write(RedactionWording.Key(generated is not null, c) + "\n");
        foreach (var left in result.Dropped)
        {
            o.Write(RedactionWording.LeftOut(left, link: false, c) + "\n");
        }

        foreach (var link in skipped)
        {
            o.Write(RedactionWording.LeftOut(link, link: true, c) + "\n");
        }

        foreach (var warning in result.Warnings)
        {
            o.Write(RedactionWording.NoteLine(warning, c) + "\n");
        }

        return ExitCodes.Ok;
    }

    private static RedactionProblem Prefix(string label, RedactionProblem p) =>
        p.File.StartsWith(label, StringComparison.Ordinal) || Path.IsPathRooted(p.File) ? p : p with { File = label.TrimEnd('/', '\\') + "/" + p.File };

    public int Reveal(RevealOptions options)
    {
        MappingFile map;
        var mapPath = host.FullPath(options.Mapping);
        try
        {
            map = MappingFile.Read(File.ReadAllText(mapPath, Encoding.UTF8), options.Mapping);
        }
        catch (RedactionException e)
        {
            foreach (var problem in e.Problems)
            {
                host.Error.Write(RedactionWording.Line(problem, options.Culture) + "\n");
            }

            return ExitCodes.InputUnreadable;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var problem = new RedactionProblem(options.Mapping, 0, "$", RedactionProblemKind.MappingCannotRead, new RedactionArguments { Detail = e.Message });
            host.Error.Write(RedactionWording.Line(problem, options.Culture) + "\n");
            return ExitCodes.InputUnreadable;
        }

        var revealer = new Revealer(map);
        var results = new List<(string Name, string Text)>();
        foreach (var file in options.Files)
        {
            try
            {
                var text = Formats.TextOf(File.ReadAllBytes(host.FullPath(file)));
                results.Add((Path.GetFileName(file), revealer.Reveal(text, options.Format ?? Revealer.FormatOf(file))));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                var problem = new RedactionProblem(file, 0, "$", RedactionProblemKind.CannotRead, new RedactionArguments { Detail = e.Message });
                host.Error.Write(RedactionWording.Line(problem, options.Culture) + "\n");
                return ExitCodes.InputUnreadable;
            }
        }

        try
        {
            if (options.Output is null)
            {
                foreach (var (_, text) in results)
                {
                    host.Out.Write(text);
                }
            }
            else if (results.Count == 1 && !Directory.Exists(host.FullPath(options.Output)))
            {
                WriteKeepingNewLines(host.FullPath(options.Output), results[0].Text);
            }
            else
            {
                foreach (var (name, text) in results)
                {
                    WriteKeepingNewLines(Path.Combine(host.FullPath(options.Output), name), text);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot write '{options.Output}': {e.Message}", $"'{options.Output}' に書き込めません: {e.Message}");
        }

        return ExitCodes.Ok;
    }

    /// <summary>A report keeps its own line ends (CSV's CRLF), unlike the tool's own outputs.</summary>
    private static void WriteKeepingNewLines(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temp, text, OutputFile.Utf8NoBom);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Report files as text, whatever encoding wrote them.</summary>
    private static class Formats
    {
        public static string TextOf(byte[] bytes) =>
            bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3)
            : bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) ? Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2)
            : Encoding.UTF8.GetString(bytes);
    }
}
