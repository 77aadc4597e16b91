namespace DrugTrace.Domain.Gs1;

/// <summary>GS1 dates: the YY century rule (GenSpecs 7.12) and YYMMDD with DD = 00.</summary>
public static class Gs1Date
{
    /// <summary>
    /// The full year for a two-digit GS1 year, relative to <paramref name="today"/>: with C the
    /// last two digits of the current year, YY − C ≥ 51 is last century, YY − C ≤ −50 next
    /// century, anything else this century.
    /// </summary>
    public static int ResolveYear(int yy, DateOnly today)
    {
        if ((uint)yy > 99) throw new ArgumentOutOfRangeException(nameof(yy), yy, "A GS1 year has two digits.");
        var century = today.Year / 100 * 100;
        var diff = yy - today.Year % 100;
        if (diff >= 51) century -= 100;
        else if (diff <= -50) century += 100;
        return century + yy;
    }

    /// <summary>
    /// Whether <paramref name="date"/> printed as YYMMDD reads back as the same date under the
    /// century rule: only years from <paramref name="today"/>.Year − 49 to + 50 are.
    /// </summary>
    public static bool IsExpressibleAsYymmdd(DateOnly date, DateOnly today) => ResolveYear(date.Year % 100, today) == date.Year;

    /// <summary>
    /// Parses YYMMDD. With <paramref name="allowDayZero"/> (the yymmd0 rule used by 17 and
    /// others) DD = 00 means the last day of the month. <paramref name="problem"/> says what is
    /// wrong, e.g. "month 13 does not exist".
    /// </summary>
    public static bool TryParseYymmdd(ReadOnlySpan<char> text, DateOnly today, bool allowDayZero, out DateOnly date, out string problem)
    {
        date = default;
        if (text.Length != 6 || !IsDigits(text))
        {
            problem = "a date is 6 digits, YYMMDD";
            return false;
        }
        var year = ResolveYear(Two(text, 0), today);
        return TryMakeDate(year, Two(text, 2), Two(text, 4), allowDayZero, out date, out problem);
    }

    /// <summary>Parses YYYYMMDD (no DD = 00).</summary>
    public static bool TryParseYyyymmdd(ReadOnlySpan<char> text, out DateOnly date, out string problem)
    {
        date = default;
        if (text.Length != 8 || !IsDigits(text))
        {
            problem = "a date is 8 digits, YYYYMMDD";
            return false;
        }
        var year = Two(text, 0) * 100 + Two(text, 2);
        if (year == 0)
        {
            problem = "year 0000 does not exist";
            return false;
        }
        return TryMakeDate(year, Two(text, 4), Two(text, 6), false, out date, out problem);
    }

    private static bool TryMakeDate(int year, int month, int day, bool allowDayZero, out DateOnly date, out string problem)
    {
        date = default;
        if (month is < 1 or > 12)
        {
            problem = $"month {month:00} does not exist";
            return false;
        }
        var last = DateTime.DaysInMonth(year, month);
        if (day == 0 && allowDayZero) day = last;
        if (day < 1 || day > last)
        {
            problem = day == 0
                ? "day 00 is not allowed in this date"
                : $"day {day:00} does not exist in {MonthName(month)} {year}";
            return false;
        }
        date = new DateOnly(year, month, day);
        problem = "";
        return true;
    }

    private static string MonthName(int month) => month switch
    {
        1 => "January", 2 => "February", 3 => "March", 4 => "April", 5 => "May", 6 => "June",
        7 => "July", 8 => "August", 9 => "September", 10 => "October", 11 => "November", _ => "December",
    };

    internal static int Two(ReadOnlySpan<char> s, int at) => (s[at] - '0') * 10 + (s[at + 1] - '0');

    internal static bool IsDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
            if (!char.IsAsciiDigit(c)) return false;
        return true;
    }
}
