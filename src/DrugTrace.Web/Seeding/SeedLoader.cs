using System.Globalization;
using System.Text.Json;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Lots;
using DrugTrace.Application.Packs;
using DrugTrace.Application.Products;
using DrugTrace.Domain.Parties;
using DrugTrace.Web.Endpoints;
using DrugTrace.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DrugTrace.Web.Seeding;

/// <summary>
/// On the first start (no party stored yet) loads seed-data/: parties with their demo API
/// keys, products, lots, and a few handoffs, all through the same use cases as the API.
/// The demo keys and passwords are published, so this happens only in Development or when
/// <c>Seed:Demo=true</c> is set explicitly; a production start on an empty store creates no party.
/// </summary>
public sealed class SeedLoader(IServiceProvider services, IOptions<SeedOptions> options, IHostEnvironment environment, ILogger<SeedLoader> logger)
    : IHostedService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var parties = services.GetRequiredService<IPartyStore>();
        if (!ShouldSeed())
        {
            if ((await parties.ListAsync(cancellationToken)).Count == 0)
                logger.LogWarning("The store has no party. Bootstrap the first regulator with a one-time key: set Bootstrap__RegulatorKey "
                    + "and POST /api/v1/bootstrap with the header X-Bootstrap-Key (see README, \"Production start\").");
            return;
        }
        var folder = SolutionRoot.FolderOf("seed-data", options.Value.Directory);
        if ((await parties.ListAsync(cancellationToken)).Count == 0) await LoadLedgerAsync(folder, parties, cancellationToken);
        // Users came after the ledger: a store seeded before them gets its demo users too.
        await LoadUsersAsync(folder, cancellationToken);
    }

    private bool ShouldSeed()
    {
        if (!options.Value.Enabled) return false;
        if (environment.IsDevelopment()) return true;
        if (!options.Value.Demo) return false;
        logger.LogCritical("Seed:Demo=true in the {Environment} environment: the demo API keys and the demo password published in README.md "
            + "are LIVE on this server. Anyone who has read the README can act as any demo party, including the regulator. "
            + "Never run a server that others can reach like this.", environment.EnvironmentName);
        return true;
    }

    private async Task LoadUsersAsync(string folder, CancellationToken cancellationToken)
    {
        var users = services.GetRequiredService<IUserStore>();
        if (!File.Exists(Path.Combine(folder, "users.json")) || await users.CountAsync(cancellationToken) > 0) return;
        var seed = JsonSerializer.Deserialize<SeedUsers>(File.ReadAllText(Path.Combine(folder, "users.json")), Json)
            ?? throw new InvalidOperationException("seed-data/users.json is empty.");
        var hasher = services.GetRequiredService<IPasswordHasher<UserAccount>>();
        var parties = services.GetRequiredService<IPartyStore>();
        foreach (var u in seed.Users)
        {
            if (await parties.FindAsync(u.Party, cancellationToken) is null)
            {
                logger.LogWarning("seed-data/users.json: {User} belongs to party {Gln}, which is not registered; skipped.", u.UserName, u.Party);
                continue;
            }
            var account = new UserAccount(u.UserName, u.DisplayName, u.Party, "");
            await users.AddAsync(account with { PasswordHash = hasher.HashPassword(account, seed.Password) }, cancellationToken);
        }
        logger.LogInformation("Seed data: {Count} demo users added.", seed.Users.Count);
    }

    private async Task LoadLedgerAsync(string folder, IPartyStore parties, CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(folder, "parties.json")))
        {
            logger.LogWarning("No seed data at {Folder}; starting with an empty store.", folder);
            return;
        }
        logger.LogInformation("Empty store: loading seed data from {Folder}", folder);

        foreach (var p in Read<SeedParty>(folder, "parties.json"))
            await parties.AddAsync(new Party(p.Gln, p.Name, Enum.Parse<PartyRole>(p.Role, true)), ApiKeys.Hash(p.ApiKey), p.CompanyPrefixes ?? [], cancellationToken);

        await using var scope = services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        foreach (var p in Read<SeedProduct>(folder, "products.json"))
            await mediator.Send(new RegisterProduct(p.Manufacturer, p.Gtin, p.Name, p.Form, p.Strength), cancellationToken);

        var catalog = scope.ServiceProvider.GetRequiredService<ICatalogStore>();
        var packs = 0;
        foreach (var l in Read<SeedLot>(folder, "lots.json"))
        {
            var product = await catalog.FindProductAsync(l.Gtin, cancellationToken)
                ?? throw new InvalidOperationException($"seed-data/lots.json: product {l.Gtin} is not in products.json.");
            var lot = await Send(scope, new RegisterLot(product.Manufacturer, l.Gtin, l.Lot, l.Expiry, l.Quantity), cancellationToken);
            packs += lot.Serials.Count;
            foreach (var step in l.Steps ?? [])
            {
                foreach (var serial in lot.Serials.Skip(step.From).Take(step.Count))
                {
                    var code = SeedCode(lot.Gtin, lot.Expiry, lot.Lot, serial, step.Garble);
                    var outcome = await Send(scope, ScanRequests.For(step.By, code, step.Action, step.To, step.Reason), cancellationToken);
                    var expected = step.Expect ?? ScanVerdict.Ok;
                    if (outcome.Verdict != expected)
                        throw new InvalidOperationException($"seed-data/lots.json: {step.Action} of {code} by {step.By} gave '{outcome.Verdict.Name}', not '{expected}': {outcome.Message}");
                }
            }
            if (l.Recall is { Length: > 0 } reason)
                await Send(scope, new RecallLot(product.Manufacturer, l.Gtin, l.Lot, reason), cancellationToken);
        }
        logger.LogInformation("Seed data loaded: {Packs} packs commissioned.", packs);
    }

    /// <summary>The code a step scans: the label's, or as a garbling scanner or a counterfeiter would present it.</summary>
    private static string SeedCode(string gtin, DateOnly expiry, string lot, string serial, string? garble)
    {
        var code = $"(01){gtin}(17){expiry.ToString("yyMMdd", CultureInfo.InvariantCulture)}(10){lot}(21){serial}";
        return garble switch
        {
            null => code,
            "caps" => string.Concat(code.Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.IsLower(c) ? char.ToUpperInvariant(c) : c)),
            "unknown-serial" => code[..(code.LastIndexOf("(21)", StringComparison.Ordinal) + 4)] + "FAKE" + serial[..Math.Min(6, serial.Length)],
            _ => throw new InvalidOperationException($"seed-data/lots.json: garble '{garble}' is not known (caps, unknown-serial)."),
        };
    }

    // Each use case gets a fresh scope: the acting party is resolved per request.
    private static async Task<T> Send<T>(AsyncServiceScope outer, IRequest<T> request, CancellationToken ct)
    {
        await using var scope = outer.ServiceProvider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, ct);
    }

    private static List<T> Read<T>(string folder, string file)
    {
        var path = Path.Combine(folder, file);
        return JsonSerializer.Deserialize<List<T>>(File.ReadAllText(path), Json)
            ?? throw new InvalidOperationException($"{path} is empty.");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
