namespace DrugTrace.Web.Tests.Infrastructure;

public static class SolutionFolder
{
    public static string Path { get; } = DrugTrace.Web.Infrastructure.SolutionRoot.Find(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("DrugTrace.sln not found above the test folder.");
}
