using System.Collections.Immutable;
using Extls.Import.Formats;
using Extls.Import.Mapping;
using Extls.Model;

namespace Extls.Import;

/// <summary>
/// Reads a Get-WinEvent export of the transport certificate events (TransportEvents.json, or its .csv / .xml
/// form) in every shape the importer reads for the other sections: an array, a bare object, PowerShell's
/// {"value": […]} wrapper, Windows PowerShell 5.1's \/Date(…)\/ TimeCreated, any encoding.
/// </summary>
public static class TransportEventsFile
{
    /// <summary>Whether a file name is an events export this reader understands (TransportEvents.json/.csv/.xml).</summary>
    public static bool IsEventsFile(string path) => IsEventsFile(path.AsSpan());

    /// <summary>The same for a name not made into a string (an entry of a folder listing, thousands of them in a large dump).</summary>
    public static bool IsEventsFile(ReadOnlySpan<char> path)
    {
        if (!Path.GetFileNameWithoutExtension(path).Equals("TransportEvents", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var extension = Path.GetExtension(path);
        foreach (var known in SectionParsers.Extensions)
        {
            if (extension.Equals(known, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <param name="open">Opens the file from its start; JSON is streamed entry by entry.</param>
    /// <param name="file">How problems name the file.</param>
    public static (ImmutableArray<TransportEvent> Events, ImmutableArray<ImportProblem> Problems) Read(Func<Stream> open, string file)
    {
        ArgumentNullException.ThrowIfNull(open);
        var problems = new List<ImportProblem>();
        if (!SectionParsers.ByExtension.TryGetValue(Path.GetExtension(file), out var parser))
        {
            return ([], [new ImportProblem(file, 0, "$", ProblemKind.NotAnEventsExport)]);
        }

        try
        {
            if (parser is JsonSectionParser)
            {
                for (var ansi = false; ; ansi = true)
                {
                    try
                    {
                        using var text = TextDecoding.OpenReader(open(), ansi);
                        using var stream = new JsonSectionStream(text, file);
                        var r = new ValueReader(file);
                        var events = Map(SectionSource.Of(stream), r);
                        stream.Finish();
                        problems.AddRange(r.Problems);
                        if (stream.Failure is { } failure)
                        {
                            problems.Add(failure);
                            return ([], [.. problems]);
                        }

                        return (events, [.. problems]);
                    }
                    catch (System.Text.DecoderFallbackException) when (!ansi)
                    {
                        problems.Clear();
                    }
                }
            }

            using var input = open();
            using var memory = new MemoryStream();
            input.CopyTo(memory);
            var parsed = SectionParsers.Parse(parser, memory.ToArray(), file);
            problems.AddRange(parsed.Problems);
            if (parsed.Root is null)
            {
                return ([], [.. problems]);
            }

            var reader = new ValueReader(file);
            var mapped = Map(SectionSource.Of(parsed.Root), reader);
            problems.AddRange(reader.Problems);
            return (mapped, [.. problems]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidCastException or FormatException or InvalidOperationException)
        {
            problems.Add(new ImportProblem(file, 0, "$", ProblemKind.CannotRead, new() { Detail = ex.Message }));
            return ([], [.. problems]);
        }
    }

    private static ImmutableArray<TransportEvent> Map(SectionSource source, ValueReader r)
    {
        var list = ImmutableArray.CreateBuilder<TransportEvent>();
        foreach (var o in source.Items(r))
        {
            if (r.Int(o, "Id") is not { } id)
            {
                r.Problem(o, ProblemKind.EntryUnnamed, new() { Entry = EntryKind.Event, Names = ["Id"] });
                continue;
            }

            list.Add(new TransportEvent
            {
                TimeCreated = r.Date(o, "TimeCreated")?.Value,
                Id = id,
                ProviderName = r.Text(o, "ProviderName"),
                LevelDisplayName = r.Text(o, "LevelDisplayName"),
                Message = r.Text(o, "Message"),
                MachineName = r.Text(o, "MachineName"),
                Location = r.Location(o),
            });
        }

        return list.ToImmutable();
    }
}
