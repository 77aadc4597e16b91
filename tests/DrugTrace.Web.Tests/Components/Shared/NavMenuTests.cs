using Bunit;
using DrugTrace.Domain.Parties;
using DrugTrace.Web.Components.Shared;
using DrugTrace.Web.Infrastructure;
using DrugTrace.Web.Tests.Infrastructure;

namespace DrugTrace.Web.Tests.Components.Shared;

public sealed class NavMenuTests : UiContext
{
    private string[] LinksFor(PartyRole role)
    {
        var cut = Render<NavMenu>(p => p.Add(c => c.User, new SignedInUser("Eva", "4012347000014", "Linden-Apotheke", role)));
        return [.. cut.FindAll("a").Select(a => a.GetAttribute("href") ?? "")];
    }

    [Fact]
    public void A_pharmacy_sees_scanning_but_no_manufacturer_or_regulator_pages()
    {
        var links = LinksFor(PartyRole.Pharmacy);
        Assert.Contains("scan", links);
        Assert.Contains("alerts", links);
        Assert.Contains("stock", links);
        Assert.Contains("shipments/incoming", links);
        Assert.Contains("shipments/outgoing", links);
        Assert.DoesNotContain(links, l => l.StartsWith("manufacturer", StringComparison.Ordinal) || l.StartsWith("regulator", StringComparison.Ordinal));
    }

    [Fact]
    public void A_manufacturer_sees_products_and_lots()
    {
        var links = LinksFor(PartyRole.Manufacturer);
        Assert.Contains("manufacturer/products", links);
        Assert.Contains("alerts", links);
        Assert.DoesNotContain(links, l => l.StartsWith("regulator", StringComparison.Ordinal));
    }

    [Fact]
    public void A_regulator_sees_pack_search_and_audit_but_not_manufacturing()
    {
        var links = LinksFor(PartyRole.Regulator);
        Assert.Contains("regulator/packs", links);
        Assert.Contains("regulator/audit", links);
        Assert.Contains("regulator/alerts", links);
        Assert.Contains("regulator/dashboard", links);
        Assert.DoesNotContain("alerts", links);
        Assert.DoesNotContain("manufacturer/products", links);
        Assert.DoesNotContain("stock", links);
    }

    [Fact]
    public void Nobody_signed_in_sees_only_sign_in()
    {
        var cut = Render<NavMenu>();
        Assert.Equal(["signin"], cut.FindAll("a").Select(a => a.GetAttribute("href")));
    }
}
