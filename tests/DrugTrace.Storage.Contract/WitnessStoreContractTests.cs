using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Ledger;

namespace DrugTrace.Storage.Contract;

/// <summary>
/// What every store's witness records must do: a replace succeeds only against the record it was
/// judged on (the tlog-witness atomicity rule), and a log's witness answers are kept per URL.
/// </summary>
public abstract class WitnessStoreContractTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 1, 0, 0, TimeSpan.Zero);
    private static readonly Hash256 RootA = Hash256.FromHex("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    private static readonly Hash256 RootB = Hash256.FromHex("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");

    protected abstract IWitnessStore Witnessed { get; }
    protected abstract IWitnessAnswers Answers { get; }

    protected virtual void RequireStore()
    {
    }

    private static WitnessedCheckpoint At_(long size, Hash256 root, string origin = "drugtrace.example/log") =>
        new(origin, size, root, $"{origin}\n{size}\n...\n", At.AddSeconds(size));

    [SkippableFact]
    public async Task The_first_checkpoint_of_an_origin_is_stored_once()
    {
        RequireStore();
        Assert.Null(await Witnessed.FindAsync("drugtrace.example/log", default));
        Assert.True(await Witnessed.ReplaceAsync(null, At_(3, RootA), default));
        // A second "first" request lost the race.
        Assert.False(await Witnessed.ReplaceAsync(null, At_(5, RootB), default));
        Assert.Equal(At_(3, RootA), await Witnessed.FindAsync("drugtrace.example/log", default));
    }

    [SkippableFact]
    public async Task A_replace_succeeds_only_against_the_size_and_root_it_was_judged_on()
    {
        RequireStore();
        await Witnessed.ReplaceAsync(null, At_(3, RootA), default);
        Assert.True(await Witnessed.ReplaceAsync(At_(3, RootA), At_(9, RootB), default));
        // Both stale: the older size, and the right size with another root.
        Assert.False(await Witnessed.ReplaceAsync(At_(3, RootA), At_(5, RootA), default));
        Assert.False(await Witnessed.ReplaceAsync(At_(9, RootA), At_(12, RootA), default));
        Assert.Equal(At_(9, RootB), await Witnessed.FindAsync("drugtrace.example/log", default));
    }

    [SkippableFact]
    public async Task Origins_are_kept_apart_and_listed_in_order()
    {
        RequireStore();
        await Witnessed.ReplaceAsync(null, At_(3, RootA, "z.example/log"), default);
        await Witnessed.ReplaceAsync(null, At_(4, RootB, "a.example/log"), default);
        Assert.Equal(["a.example/log", "z.example/log"], (await Witnessed.ListAsync(default)).Select(w => w.Origin));
    }

    [SkippableFact]
    public async Task A_witness_answer_is_replaced_by_the_next_one_of_that_url()
    {
        RequireStore();
        Assert.Null(await Answers.FindAsync("https://w.example/witness", default));
        await Answers.SaveAsync(new WitnessAnswer("https://w.example/witness", "w.example/witness", 0, 409, "holds 12", At), default);
        var second = new WitnessAnswer("https://w.example/witness", "w.example/witness", 20, 200, "cosigned size 20", At.AddSeconds(5));
        await Answers.SaveAsync(second, default);
        await Answers.SaveAsync(new WitnessAnswer("https://a.example/witness", "a.example/witness", 0, 0, "unreachable", At), default);
        Assert.Equal(second, await Answers.FindAsync("https://w.example/witness", default));
        Assert.Equal(["https://a.example/witness", "https://w.example/witness"], (await Answers.ListAsync(default)).Select(a => a.Url));
    }
}
