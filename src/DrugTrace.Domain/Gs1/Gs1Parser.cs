namespace DrugTrace.Domain.Gs1;

// PLACEHOLDER until the full parser lands: bracketed form only.
public static class Gs1Parser
{
    public static PackParseResult ParsePack(string input, DateOnly today)
    {
        _ = today;
        var parts = input.Split('(', StringSplitOptions.RemoveEmptyEntries);
        string? gtin = null, serial = null, lot = null; DateOnly? expiry = null;
        foreach (var p in parts)
        {
            var close = p.IndexOf(')');
            if (close < 0) return new PackParseResult(null, new Gs1Error("Not a GS1 code."));
            var ai = p[..close]; var v = p[(close + 1)..];
            switch (ai)
            {
                case "01": gtin = v; break;
                case "21": serial = v; break;
                case "10": lot = v; break;
                case "17": expiry = new DateOnly(2000 + int.Parse(v[..2]), int.Parse(v[2..4]), int.Parse(v[4..6])); break;
            }
        }
        if (gtin is null || serial is null || !Gtin.TryParse(gtin, out var g, out var err)) return new PackParseResult(null, new Gs1Error("No GTIN or serial."));
        return new PackParseResult(new PackIdentity(g, serial, lot, expiry), null);
    }
}

public sealed record Gs1Error(string Message);

public sealed record PackParseResult(PackIdentity? Value, Gs1Error? Error)
{
    public bool IsSuccess => Value is not null;
}
