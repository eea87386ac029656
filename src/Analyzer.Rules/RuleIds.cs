namespace Extls.Rules;

/// <summary>Every rule id of the catalogue (rules.md). Ids are never reused; one const per rule.</summary>
public static class RuleIds
{
    public const string EXTLS1001 = nameof(EXTLS1001);
    public const string EXTLS1002 = nameof(EXTLS1002);
    public const string EXTLS1003 = nameof(EXTLS1003);
    public const string EXTLS1004 = nameof(EXTLS1004);
    public const string EXTLS1005 = nameof(EXTLS1005);
    public const string EXTLS1006 = nameof(EXTLS1006);
    public const string EXTLS1007 = nameof(EXTLS1007);
    public const string EXTLS1008 = nameof(EXTLS1008);

    public const string EXTLS2001 = nameof(EXTLS2001);
    public const string EXTLS2002 = nameof(EXTLS2002);
    public const string EXTLS2003 = nameof(EXTLS2003);
    public const string EXTLS2004 = nameof(EXTLS2004);
    public const string EXTLS2005 = nameof(EXTLS2005);
    public const string EXTLS2006 = nameof(EXTLS2006);
    public const string EXTLS2007 = nameof(EXTLS2007);
    public const string EXTLS2008 = nameof(EXTLS2008);
    public const string EXTLS2009 = nameof(EXTLS2009);
    public const string EXTLS2010 = nameof(EXTLS2010);
    public const string EXTLS2011 = nameof(EXTLS2011);
    public const string EXTLS2012 = nameof(EXTLS2012);
    public const string EXTLS2013 = nameof(EXTLS2013);

    public const string EXTLS3001 = nameof(EXTLS3001);
    public const string EXTLS3002 = nameof(EXTLS3002);
    public const string EXTLS3003 = nameof(EXTLS3003);
    public const string EXTLS3004 = nameof(EXTLS3004);
    public const string EXTLS3005 = nameof(EXTLS3005);
    public const string EXTLS3006 = nameof(EXTLS3006);
    public const string EXTLS3007 = nameof(EXTLS3007);
    public const string EXTLS3008 = nameof(EXTLS3008);
    public const string EXTLS3009 = nameof(EXTLS3009);
    public const string EXTLS3010 = nameof(EXTLS3010);
    public const string EXTLS3011 = nameof(EXTLS3011);

    public const string EXTLS4001 = nameof(EXTLS4001);
    public const string EXTLS4002 = nameof(EXTLS4002);
    public const string EXTLS4003 = nameof(EXTLS4003);
    public const string EXTLS4004 = nameof(EXTLS4004);
    public const string EXTLS4005 = nameof(EXTLS4005);
    public const string EXTLS4006 = nameof(EXTLS4006);

    public const string EXTLS5001 = nameof(EXTLS5001);
    public const string EXTLS5002 = nameof(EXTLS5002);

    public const string EXTLS6001 = nameof(EXTLS6001);
    public const string EXTLS6002 = nameof(EXTLS6002);
    public const string EXTLS6003 = nameof(EXTLS6003);

    public const string EXTLS9001 = nameof(EXTLS9001);
    public const string EXTLS9002 = nameof(EXTLS9002);
    public const string EXTLS9003 = nameof(EXTLS9003);
    public const string EXTLS9004 = nameof(EXTLS9004);
    public const string EXTLS9005 = nameof(EXTLS9005);

    /// <summary>All ids, sorted ordinally.</summary>
    public static IReadOnlyList<string> All { get; } =
        typeof(RuleIds).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .OrderBy(id => id, StringComparer.Ordinal)
            .ToArray();
}
