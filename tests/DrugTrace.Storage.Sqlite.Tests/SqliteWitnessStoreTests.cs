using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Storage.Contract;

namespace DrugTrace.Storage.Sqlite.Tests;

/// <summary>The witness store contract against a fresh SQLite file per test.</summary>
public sealed class SqliteWitnessStoreTests : WitnessStoreContractTests, IAsyncLifetime
{
    private readonly SqliteTestStore _store = new("drugtrace-witness-");

    protected override IWitnessStore Witnessed => _store.Get<IWitnessStore>();
    protected override IWitnessAnswers Answers => _store.Get<IWitnessAnswers>();

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => _store.DeleteAsync();
}
