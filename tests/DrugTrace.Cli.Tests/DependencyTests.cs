using System.Xml.Linq;

namespace DrugTrace.Cli.Tests;

/// <summary>The offline verifier trusts nothing of the server: it is built on the Domain alone.</summary>
public sealed class DependencyTests
{
    private static readonly string[] Outer = ["DrugTrace.Application", "DrugTrace.Web", "DrugTrace.Storage", "Microsoft.AspNetCore", "MongoDB", "Microsoft.Data"];

    [Fact]
    public void The_compiled_verifier_references_the_domain_and_no_outer_layer_or_store()
    {
        var references = typeof(Commands).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.Contains("DrugTrace.Domain", references);
        Assert.DoesNotContain(references, r => Outer.Any(o => r.StartsWith(o, StringComparison.Ordinal)));
    }

    [Fact]
    public void The_project_references_only_the_domain_and_no_package()
    {
        var project = XDocument.Load(Path.Combine(SolutionRoot(), "src", "DrugTrace.Cli", "DrugTrace.Cli.csproj"));

        var projects = project.Descendants("ProjectReference").Select(p => ((string)p.Attribute("Include")!).Split('\\', '/')[^1]).ToList();
        Assert.Equal(["DrugTrace.Domain.csproj"], projects);
        Assert.Empty(project.Descendants("PackageReference"));
    }

    private static string SolutionRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DrugTrace.sln"))) return dir.FullName;
        throw new InvalidOperationException("DrugTrace.sln not found above " + AppContext.BaseDirectory);
    }
}
