using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Platform.Engagement.V1;
using Platform.Web.Components.Pages.Support;
using Platform.Web.Components.Shared;
using Platform.Web.PlatformApi;

namespace Platform.Web.Tests.Components;

public sealed class FormTests : BunitContext
{
    [Fact]
    public void A_text_field_with_a_message_shows_it_beside_the_input_keeps_what_was_typed_and_describes_the_input_by_it()
    {
        var model = new RegisterForm { NhsNumber = "1234567890" };
        var field = Render<CascadingValue<EditContext>>(p => p
            .Add(c => c.Value, new EditContext(model))
            .AddChildContent<TextField>(f => f
                .Add(c => c.Id, "nhs-number").Add(c => c.Label, "NHS number").Add(c => c.Hint, "10 digits")
                .Add(c => c.Value, model.NhsNumber).Add(c => c.ValueExpression, () => model.NhsNumber)
                .Add(c => c.Messages, ["NHS number must be 10 digits with a valid modulus-11 check digit"])));

        var input = field.Find("input#nhs-number");
        Assert.Equal("1234567890", input.GetAttribute("value"));
        Assert.Contains("govuk-input--error", input.ClassList);
        Assert.Equal("nhs-number-hint nhs-number-error", input.GetAttribute("aria-describedby"));
        Assert.Contains("must be 10 digits", field.Find("#nhs-number-error").TextContent);
        Assert.Contains("govuk-form-group--error", field.Find(".govuk-form-group").ClassList);
        Assert.Equal("nhs-number", field.Find("label").GetAttribute("for"));
    }

    [Fact]
    public void A_text_field_without_a_message_has_no_error_styling()
    {
        var model = new RegisterForm { GivenNames = "Ada" };
        var field = Render<CascadingValue<EditContext>>(p => p
            .Add(c => c.Value, new EditContext(model))
            .AddChildContent<TextField>(f => f
                .Add(c => c.Id, "given-names").Add(c => c.Label, "Given names")
                .Add(c => c.Value, model.GivenNames).Add(c => c.ValueExpression, () => model.GivenNames)));

        Assert.Empty(field.FindAll(".govuk-error-message"));
        Assert.DoesNotContain("govuk-input--error", field.Find("input").ClassList);
        Assert.Null(field.Find("input").GetAttribute("aria-describedby"));
    }

    [Fact]
    public void The_register_form_sends_a_partial_date_of_birth_and_an_address_only_when_one_is_given()
    {
        var request = new RegisterForm { GivenNames = " Ada ", FamilyName = "Lovelace", BirthYear = "1985", NhsNumber = "943 476 5919" }.ToRequest()!;

        Assert.Equal("Ada", request.Details.Names[0].GivenNames);
        Assert.Equal(1985, request.Details.DateOfBirth.Year);
        Assert.Equal(0, request.Details.DateOfBirth.Month);
        Assert.Null(request.Address);
        Assert.Null(new RegisterForm { BirthDay = "twelve" }.ToRequest());

        var withAddress = new RegisterForm { Line1 = "1 High Street", LocalAuthority = "E06000023", Confidential = true }.ToRequest()!;
        Assert.Equal(["1 High Street"], withAddress.Address.Lines);
        Assert.True(withAddress.Address.Confidential);
    }

    [Fact]
    public void The_contact_form_asks_whether_she_was_seen_alone_when_contact_was_made_and_names_the_field()
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("agency", "outreach-bristol"), new Claim("sub", "jo")], "test"));
        var form = new ContactForm { Date = "2026-03-27", Time = "14:30", Channel = Channel.InPerson, Outcome = Outcome.Made };

        var (details, problems) = form.ToDetails("p1", user, DateTime.UtcNow);

        Assert.Equal("details.seen_alone", Assert.Single(problems).Field);
        Assert.Equal("seen-alone", ContactForm.Fields.InputFor(problems[0].Field));
        Assert.Equal("outreach-bristol", details.Agency);
        Assert.Empty(new ContactForm { Date = "2026-03-27", Time = "14:30", Channel = Channel.Phone, Outcome = Outcome.Attempted }.ToDetails("p1", user, DateTime.UtcNow).Problems);
        Assert.Equal("details.contact_at", Assert.Single(new ContactForm { Date = "27/03/2026", Channel = Channel.Phone, Outcome = Outcome.Declined }.ToDetails("p1", user, DateTime.UtcNow).Problems).Field);
    }

    [Fact]
    public void The_amend_form_opens_with_the_contact_as_recorded_and_keeps_people_not_listed()
    {
        var details = new ContactDetails
        {
            PersonId = "her", ContactAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(new DateTime(2026, 3, 27, 14, 30, 0, DateTimeKind.Utc)),
            Channel = Channel.Phone, Outcome = Outcome.Made, SeenAlone = true, Note = "Talked about the flat", OthersPresent = { "sister", "hidden" },
            Themes = { Theme.Housing },
        };

        var fields = Render<ContactFields>(p => p
            .Add(c => c.Form, ContactForm.From(details)).Add(c => c.Amending, true)
            .Add(c => c.Related, [("sister", "Mabel Quenby (sibling)")]));

        Assert.Equal("2026-03-27", fields.Find("#contact-date").GetAttribute("value"));
        Assert.Equal("14:30", fields.Find("#contact-time").GetAttribute("value")); // UK time in March before the clocks change
        Assert.NotNull(fields.Find("#channel option[value=Phone]").GetAttribute("selected"));
        Assert.NotNull(fields.Find("#seen-alone").GetAttribute("checked"));
        Assert.NotNull(fields.Find("#others-present").GetAttribute("checked"));
        Assert.NotNull(fields.Find("#theme-Housing").GetAttribute("checked"));
        Assert.Equal("Talked about the flat", fields.Find("#note").TextContent);
        Assert.Equal("hidden", fields.Find("input[type=hidden][name=others]").GetAttribute("value"));
        Assert.Empty(fields.Find("#amend-reason").TextContent);
        Assert.Empty(fields.FindAll(".govuk-error-message"));
    }

    [Fact]
    public void The_amend_form_requires_a_reason_and_keeps_everything_typed_when_it_is_missing()
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("agency", "outreach-bristol"), new Claim("sub", "jo")], "test"));
        var typed = new ContactForm { Date = "2026-03-27", Time = "09:15", Channel = Channel.InPerson, Outcome = Outcome.Declined, Note = "She asked me to leave" };

        var (request, problems) = typed.ToAmendment("c1", "her", user, DateTime.UtcNow);
        var fields = Render<ContactFields>(p => p
            .Add(c => c.Form, typed).Add(c => c.Amending, true).Add(c => c.Problem, CallProblem.Invalid([.. problems])));

        Assert.Equal("reason", Assert.Single(problems).Field);
        Assert.Equal(("c1", "her"), (request.ContactId, request.Details.PersonId));
        Assert.Contains("say why the record is being amended", fields.Find("#amend-reason-error").TextContent, StringComparison.Ordinal);
        Assert.Contains("govuk-textarea--error", fields.Find("#amend-reason").ClassList);
        Assert.Equal("amend-reason-hint amend-reason-error", fields.Find("#amend-reason").GetAttribute("aria-describedby"));
        Assert.Equal("09:15", fields.Find("#contact-time").GetAttribute("value"));
        Assert.NotNull(fields.Find("#outcome-Declined").GetAttribute("checked"));
        Assert.Equal("She asked me to leave", fields.Find("#note").TextContent);
        Assert.Empty(new ContactForm { Date = "2026-03-27", Channel = Channel.Phone, Outcome = Outcome.Attempted, Reason = "Wrong channel" }
            .ToAmendment("c1", "her", user, DateTime.UtcNow).Problems);
    }

    [Fact]
    public void Chronology_filters_survive_the_round_trip_through_a_link()
    {
        var query = new ChronologyQuery(new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31), EntryKind.Contact, "outreach-bristol", true);

        var parsed = ChronologyQuery.Parse(new Microsoft.AspNetCore.Http.QueryCollection(
            Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query.ToQueryString())));
        var filter = parsed.ToFilter();

        Assert.Equal(query, parsed);
        Assert.Equal([EntryKind.Contact], filter.Kinds);
        Assert.True(filter.SignificantOnly);
        Assert.Equal(new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc), filter.Until.ToDateTime()); // until the end of that day
    }
}
