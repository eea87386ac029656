using Extls.Import.Formats;

namespace Extls.Import.Tests;

/// <summary>The shared name table: one string per name, whatever buffer it is read from, and bounded.</summary>
public class JsonNamesTests
{
    private static string? Get(JsonNames names, string name)
    {
        // Inside a larger buffer, as Json.NET hands names over.
        var buffer = ("xx" + name + "yy").ToCharArray();
        return names.Get(buffer, 2, name.Length);
    }

    [Fact]
    public void A_name_read_twice_is_the_same_string()
    {
        var names = new JsonNames();
        var first = Get(names, "Thumbprint");
        var second = Get(names, "Thumbprint");
        Assert.Equal("Thumbprint", first);
        Assert.Same(first, second);
        Assert.NotSame(first, Get(names, "thumbprint"));
        Assert.Equal("thumbprint", Get(names, "thumbprint"));
    }

    [Fact]
    public void The_table_stops_growing_at_its_bound_and_keeps_what_it_holds()
    {
        var names = new JsonNames();
        var kept = new List<string>();
        for (var i = 0; i < JsonNames.MaxNames; i++)
        {
            kept.Add(Assert.IsType<string>(Get(names, "Name" + i)));
        }

        Assert.Null(Get(names, "OneTooMany"));
        for (var i = 0; i < JsonNames.MaxNames; i++)
        {
            Assert.Same(kept[i], Get(names, "Name" + i));
        }
    }

    [Fact]
    public void Long_names_are_not_kept() => Assert.Null(Get(new JsonNames(), new string('a', 129)));
}
