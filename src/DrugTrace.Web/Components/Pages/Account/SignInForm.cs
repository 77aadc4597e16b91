using System.ComponentModel.DataAnnotations;

namespace DrugTrace.Web.Components.Pages.Account;

public sealed class SignInForm
{
    [Required(ErrorMessage = "Enter your user name.")]
    public string? UserName { get; set; }

    [Required(ErrorMessage = "Enter your password.")]
    public string? Password { get; set; }
}
