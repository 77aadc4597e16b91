namespace DrugTrace.Cli;

internal static class Program
{
    public static Task<int> Main(string[] args) => Commands.RunAsync(args, Console.Out, Console.Error);
}
