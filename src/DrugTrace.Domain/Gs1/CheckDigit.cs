namespace DrugTrace.Domain.Gs1;

/// <summary>GS1 mod-10 check digit, shared by GTIN, GLN and SSCC (GS1 General Specifications 7.9).</summary>
public static class CheckDigit
{
    /// <summary>Computes the check digit for the digits that precede it.</summary>
    public static int Compute(ReadOnlySpan<char> digitsWithoutCheck)
    {
        var sum = 0;
        // Weights alternate 3,1,3,... counted from the rightmost data digit.
        for (int i = digitsWithoutCheck.Length - 1, weight = 3; i >= 0; i--, weight = 4 - weight)
        {
            var d = digitsWithoutCheck[i] - '0';
            if ((uint)d > 9) throw new ArgumentException("Only digits have a GS1 check digit.", nameof(digitsWithoutCheck));
            sum += d * weight;
        }
        return (10 - (sum % 10)) % 10;
    }

    /// <summary>True when <paramref name="digits"/> are all digits and the last one is the right check digit.</summary>
    public static bool IsValid(ReadOnlySpan<char> digits)
    {
        if (digits.Length < 2) return false;
        foreach (var c in digits)
            if (c is < '0' or > '9') return false;
        return Compute(digits[..^1]) == digits[^1] - '0';
    }
}
