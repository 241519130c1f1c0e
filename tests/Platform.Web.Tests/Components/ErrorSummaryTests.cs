using Bunit;
using Grpc.Core;
using Platform.Web.Components.Pages.Support;
using Platform.Web.Components.Shared;
using Platform.Web.PlatformApi;

namespace Platform.Web.Tests.Components;

public sealed class ErrorSummaryTests : BunitContext
{
    [Fact]
    public void Each_field_violation_links_to_the_input_that_holds_it_in_the_words_of_its_label()
    {
        var problem = CallProblem.Invalid(
            new FieldProblem("details.nhs_number", "must be 10 digits with a valid modulus-11 check digit"),
            new FieldProblem("details.names[0].given_names", "is required"),
            new FieldProblem("address.local_authority", "must be a GSS code"));

        var summary = Render<ErrorSummary>(p => p.Add(c => c.Problem, problem).Add(c => c.Fields, RegisterForm.Fields));

        var links = summary.FindAll(".govuk-error-summary__list a");
        Assert.Equal(["#nhs-number", "#given-names", "#local-authority"], links.Select(a => a.GetAttribute("href")));
        Assert.Equal("NHS number must be 10 digits with a valid modulus-11 check digit", links[0].TextContent);
        Assert.Equal("Given names is required", links[1].TextContent);
        Assert.Equal("There is a problem", summary.Find(".govuk-error-summary__title").TextContent);
        Assert.NotNull(summary.Find("[role=alert]"));
    }

    [Fact]
    public void A_field_the_form_does_not_name_is_listed_without_a_link()
    {
        var problem = CallProblem.Invalid(new FieldProblem("x-unknown", "is wrong"));

        var summary = Render<ErrorSummary>(p => p.Add(c => c.Problem, problem).Add(c => c.Fields, RegisterForm.Fields));

        Assert.Empty(summary.FindAll(".govuk-error-summary__list a"));
        Assert.Contains("x-unknown is wrong", summary.Find(".govuk-error-summary__list").TextContent);
    }

    [Fact]
    public void Nothing_is_shown_without_a_problem()
    {
        var summary = Render<ErrorSummary>(p => p.Add(c => c.Problem, null));

        Assert.Empty(summary.Markup.Trim());
    }

    [Fact]
    public void A_problem_that_is_not_about_fields_shows_the_platforms_message()
    {
        var problem = new CallProblem(StatusCode.AlreadyExists, "nhs_number is already recorded for another person", []);

        var summary = Render<ErrorSummary>(p => p.Add(c => c.Problem, problem));

        Assert.Contains("already recorded for another person", summary.Find(".govuk-error-summary__body").TextContent);
    }

    [Fact]
    public void A_violation_of_part_of_a_field_belongs_to_the_nearest_field_the_form_names()
    {
        var fields = new FormFields().Add("details.names", "given-names", "Name").Add("details", "given-names", "Her details");

        Assert.Equal("given-names", fields.InputFor("details.names[3].family_name"));
        Assert.Equal("given-names", fields.InputFor("details.gender_identity"));
        Assert.Null(fields.InputFor("address.postcode"));
    }
}
