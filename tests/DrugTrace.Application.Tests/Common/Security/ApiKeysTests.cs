using DrugTrace.Application.Common.Security;

namespace DrugTrace.Application.Tests.Common.Security;

/// <summary>The documented forms of an API key, its id and its stored hash.</summary>
public sealed class ApiKeysTests
{
    [Fact]
    public void A_key_id_is_k_and_twelve_hex_digits_and_a_key_is_dt_and_sixty_four()
    {
        Assert.Matches("^k[0-9a-f]{12}$", ApiKeys.NewId());
        Assert.NotEqual(ApiKeys.NewId(), ApiKeys.NewId());
        var key = ApiKeys.Generate();
        Assert.Matches("^dt_[0-9a-f]{64}$", key);
        Assert.Matches("^[0-9a-f]{64}$", ApiKeys.Hash(key));
        Assert.Equal(ApiKeys.Hash(key), ApiKeys.Hash(key));
    }
}
