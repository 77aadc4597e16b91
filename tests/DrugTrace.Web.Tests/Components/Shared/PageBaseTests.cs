using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Web.Components.Shared;
using DrugTrace.Web.Infrastructure;
using DrugTrace.Web.Tests.Infrastructure;

namespace DrugTrace.Web.Tests.Components.Shared;

public sealed class PageBaseTests
{
    private sealed class Probe : PageBase
    {
        public static Task<string?> Run(Func<Task> work, Func<Exception, bool>? handled = null) => ProblemOfAsync(work, handled);

        public static string? RunNow(Action work) => ProblemOf(work);
    }

    [Fact]
    public async Task Work_that_goes_through_has_no_problem()
    {
        var ran = false;
        Assert.Null(await Probe.Run(() => { ran = true; return Task.CompletedTask; }));
        Assert.True(ran);
    }

    [Fact]
    public async Task An_expected_failure_becomes_its_plain_words()
    {
        Assert.Equal("No such pack.", await Probe.Run(() => throw new NotFoundException("No such pack.")));
        Assert.Equal("You are not allowed to do this. Pharmacies only.", await Probe.Run(() => throw new ForbiddenAccessException("Pharmacies only.")));
        Assert.Equal("The GTIN is wrong.", Probe.RunNow(() => throw new ValidationException("gtin", "The GTIN is wrong.")));
    }

    [Fact]
    public async Task A_failure_the_page_handles_itself_adds_no_words_and_others_still_do()
    {
        bool Fields(Exception ex) => ex is ValidationException;

        Assert.Null(await Probe.Run(() => throw new ValidationException("gtin", "x"), Fields));
        Assert.Equal("Changed meanwhile.", await Probe.Run(() => throw new ConflictException("Changed meanwhile."), Fields));
    }

    [Fact]
    public async Task A_fault_is_not_turned_into_words()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Probe.Run(() => throw new InvalidOperationException("bug at line 12")));
    }

    [Fact]
    public void No_page_or_component_catches_expected_failures_by_itself_or_builds_requests_through_an_endpoint()
    {
        var components = Path.Combine(SolutionFolder.Path, "src", "DrugTrace.Web", "Components");
        var files = Directory.EnumerateFiles(components, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.EndsWith("PageBase.cs", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            Assert.False(text.Contains(nameof(PlainWords.IsExpected), StringComparison.Ordinal), $"{file} catches by itself: use PageBase.");
            Assert.False(text.Contains("ScanEndpoints", StringComparison.Ordinal), $"{file} builds its requests through an endpoint.");
        }
    }
}
