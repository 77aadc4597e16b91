using DrugTrace.Domain.Gs1;

namespace DrugTrace.Benchmarks.Scenarios;

/// <summary>Gs1Parser.ParsePack on each of the three input forms a scanner or a person delivers.</summary>
public static class Gs1Parse
{
    public static ScenarioResult Run(Scale scale)
    {
        var count = scale.Of(1_000_000);
        var today = new DateOnly(2026, 1, 1);
        (string Form, string Code)[] inputs =
        [
            ("element string (DataMatrix, `]d2`, GS)", "]d201040123450001151730123110LOT42\u001d21SN000123456789"),
            ("Digital Link URI", "https://id.example.com/01/04012345000115/10/LOT42/21/SN000123456789?17=301231"),
            ("human-readable", "(01)04012345000115(17)301231(10)LOT42(21)SN000123456789"),
        ];

        var figures = new List<Figure>();
        foreach (var (form, code) in inputs)
        {
            if (!Gs1Parser.ParsePack(code, today).IsSuccess)
                throw new InvalidOperationException($"The benchmark's {form} input does not parse: {code}");
            Parse(code, today, Math.Min(count, 20_000)); // warm-up
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var elapsed = Measure.Time(() => Parse(code, today, count));
            var perParse = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)count;
            figures.Add(new Figure($"ParsePack, {form}", "(reference)",
                $"{Measure.N(Measure.Rate(count, elapsed))} parses/s, {Measure.N(perParse)} bytes allocated/parse", null));
        }
        var method = $"""
            One thread calls `Gs1Parser.ParsePack(code, today)` {Measure.N(count)} times per form on the same valid
            pack code (GTIN, expiry, lot, serial), after an untimed warm-up; allocation is
            `GC.GetAllocatedBytesForCurrentThread()` over the timed loop divided by the number of parses.
            Inputs: {string.Join("; ", inputs.Select(i => $"`{i.Code.Replace("\u001d", "<GS>", StringComparison.Ordinal)}`"))}.
            """;
        return new ScenarioResult("6. GS1 parse rate", figures, method);
    }

    private static void Parse(string code, DateOnly today, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (!Gs1Parser.ParsePack(code, today).IsSuccess) throw new InvalidOperationException("parse failed");
        }
    }
}
