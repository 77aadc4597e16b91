using DrugTrace.Application.Witness;
using DrugTrace.Domain.Transparency;
using Microsoft.Extensions.Options;

namespace DrugTrace.Application.Tests.Witness;

public sealed class WitnessedLogsTests
{
    private static readonly NoteSigner LogA = NoteSigner.Generate("a.example/log");
    private static readonly NoteSigner LogA2 = NoteSigner.Generate("a.example/log");
    private static readonly NoteSigner LogB = NoteSigner.Generate("b.example/key");

    private static WitnessedLogs Of(params WitnessedLogOptions[] logs) => new(Options.Create(new WitnessOptions { Logs = [.. logs] }));

    [Fact]
    public void Each_log_is_found_by_its_origin_with_every_key_trusted_for_it()
    {
        var logs = Of(
            new() { Key = LogA.Verifier.VerifierKey },
            new() { Key = LogA2.Verifier.VerifierKey },
            new() { Key = LogB.Verifier.VerifierKey, Origin = "b.example/log" });

        Assert.Equal(["a.example/log", "b.example/log"], logs.Origins.Order());
        Assert.Equal([LogA.KeyId, LogA2.KeyId], logs.KeysOf("a.example/log")!.Select(k => k.KeyId));
        Assert.Equal(LogB.KeyId, Assert.Single(logs.KeysOf("b.example/log")!).KeyId);
        Assert.Null(logs.KeysOf("b.example/key"));
    }

    [Fact]
    public void A_blank_origin_is_the_keys_name()
    {
        Assert.Equal(["b.example/key"], Of(new WitnessedLogOptions { Key = LogB.Verifier.VerifierKey, Origin = " " }).Origins);
    }

    [Fact]
    public void A_cosignature_key_is_not_a_log_key()
    {
        var witness = Cosigner.Generate("w.example/w");
        var error = Assert.Throws<FormatException>(() => Of(new WitnessedLogOptions { Key = witness.Verifier.VerifierKey }));
        Assert.Equal("Witness log key w.example/w is not an Ed25519 (0x01) log key.", error.Message);
    }

    [Fact]
    public void The_start_check_names_each_problem()
    {
        Assert.Null(WitnessedLogs.Problem(new WitnessOptions { Logs = [new() { Key = LogA.Verifier.VerifierKey }] }));
        Assert.Equal("Witness:Name must be a key name: not empty, no spaces, no '+'.", WitnessedLogs.Problem(new WitnessOptions { Name = "a b" }));
        Assert.Equal("Witness:Name must be a key name: not empty, no spaces, no '+'.", WitnessedLogs.Problem(new WitnessOptions { Name = "" }));
        Assert.StartsWith("Witness:Logs:1:Key is not a verifier key: ",
            WitnessedLogs.Problem(new WitnessOptions { Logs = [new() { Key = LogA.Verifier.VerifierKey }, new() { Key = "nonsense" }] }));
        Assert.Equal("Witness:Logs:0:Key is not a log's Ed25519 (type 0x01) key.",
            WitnessedLogs.Problem(new WitnessOptions { Logs = [new() { Key = Cosigner.Generate("w.example/w").Verifier.VerifierKey }] }));
    }
}
