using System.Globalization;
using System.Security.Claims;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Http;
using Platform.BuildingBlocks.Security;
using Platform.Engagement.V1;
using Platform.Web.Components.Shared;
using Platform.Web.PlatformApi;

namespace Platform.Web.Components.Pages.Support;

/// <summary>The contact form as typed: kept whole when the platform refuses it, so nothing is lost.</summary>
public sealed class ContactForm
{
    public static readonly FormFields Fields = new FormFields()
        .Add("details.contact_at", "contact-date", "Date and time")
        .Add("details.channel", "channel", "How")
        .Add("details.outcome", "outcome", "Whether contact was made")
        .Add("details.seen_alone", "seen-alone", "Seen alone")
        .Add("details.others_present", "others-present", "Who else was there")
        .Add("details.others_present_note", "others-present", "Anyone else")
        .Add("details.persons_words", "persons-words", "Her own words")
        .Add("details.note", "note", "The note")
        .Add("details.location", "location", "Where")
        .Add("details", "contact-date", "The contact")
        .Add("reason", "amend-reason", "Why it is being amended");

    public static readonly IReadOnlyList<(Channel Channel, string Label)> Channels =
    [
        (Channel.InPerson, "In person"), (Channel.OutreachVisit, "Outreach visit"), (Channel.Phone, "Phone"), (Channel.Text, "Text message"),
        (Channel.Video, "Video call"), (Channel.Letter, "Letter"), (Channel.Email, "Email"),
    ];

    public static readonly IReadOnlyList<(Outcome Outcome, string Label)> Outcomes =
    [
        (Outcome.Made, "Yes, contact was made"), (Outcome.Attempted, "No, an attempt: she was not reached"), (Outcome.Declined, "She declined contact"),
    ];

    public static readonly IReadOnlyList<(Theme Theme, string Label)> Themes =
    [
        (Theme.Housing, "Housing"), (Theme.Alcohol, "Alcohol"), (Theme.Drugs, "Drugs"), (Theme.DomesticAbuse, "Domestic abuse"),
        (Theme.CoerciveControl, "Coercive control"), (Theme.Finances, "Money"), (Theme.FinancialAbuse, "Financial abuse"),
        (Theme.MentalHealth, "Mental health"), (Theme.PhysicalHealth, "Physical health"), (Theme.Children, "Children"),
        (Theme.Offending, "Offending"), (Theme.SelfNeglect, "Self-neglect"), (Theme.SexualExploitation, "Sexual exploitation"),
    ];

    public string Date { get; init; } = "";
    public string Time { get; init; } = "";
    public Channel Channel { get; init; } = Channel.InPerson;
    public Outcome Outcome { get; init; }
    public string SeenAlone { get; init; } = "";
    public IReadOnlySet<string> Others { get; init; } = new HashSet<string>();
    public string OthersNote { get; init; } = "";
    public string Location { get; init; } = "";
    public string PersonsWords { get; init; } = "";
    public IReadOnlySet<Theme> ThemeList { get; init; } = new HashSet<Theme>();
    public string Note { get; init; } = "";
    public bool Significant { get; init; }
    /// <summary>Why the contact is being amended (the amend page only).</summary>
    public string Reason { get; init; } = "";

    public static ContactForm New(DateTime utcNow)
    {
        var now = Dates.Local(Timestamp.FromDateTime(utcNow));
        return new ContactForm
        {
            Date = now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Time = now.ToString("HH:mm", CultureInfo.InvariantCulture),
        };
    }

    public static ContactForm From(IFormCollection form)
    {
        var typed = new PostedFields("contact", form);
        return new ContactForm
        {
            Date = typed["date"],
            Time = typed["time"],
            Channel = typed.Enum<Channel>("channel"),
            Outcome = typed.Enum<Outcome>("outcome"),
            SeenAlone = typed.Raw("seenAlone"),
            Others = typed.Choices("others"),
            OthersNote = typed["othersNote"],
            Location = typed["location"],
            PersonsWords = typed["personsWords"],
            ThemeList = typed.Enums<Theme>("themes"),
            Note = typed["note"],
            Significant = typed.Raw("significant") == "true",
            Reason = typed["reason"],
        };
    }

    /// <summary>A recorded contact as the form shows it, to be amended.</summary>
    public static ContactForm From(ContactDetails details)
    {
        var at = Dates.Local(details.ContactAt);
        return new ContactForm
        {
            Date = at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Time = at.ToString("HH:mm", CultureInfo.InvariantCulture),
            Channel = details.Channel, Outcome = details.Outcome,
            SeenAlone = details.Outcome != Outcome.Made ? "" : details.SeenAlone ? "yes" : "no",
            Others = details.OthersPresent.ToHashSet(), OthersNote = details.OthersPresentNote, Location = details.Location,
            PersonsWords = details.PersonsWords, ThemeList = details.Themes.ToHashSet(), Note = details.Note, Significant = details.Significant,
        };
    }

    /// <summary>The amendment as the platform takes it: the contact as it should read, and the reason, which is required.</summary>
    public (AmendContactRequest Request, List<FieldProblem> Problems) ToAmendment(string contactId, string personId, ClaimsPrincipal user, DateTime utcNow)
    {
        var (details, problems) = ToDetails(personId, user, utcNow);
        if (Reason.Length == 0)
        {
            problems.Add(new FieldProblem("reason", "must be given: say why the record is being amended"));
        }
        return (new AmendContactRequest { ContactId = contactId, Reason = Reason, Details = details }, problems);
    }

    /// <summary>The contact as the platform takes it, or what must be answered first.</summary>
    public (ContactDetails Details, List<FieldProblem> Problems) ToDetails(string personId, ClaimsPrincipal user, DateTime utcNow)
    {
        var problems = new List<FieldProblem>();
        var details = new ContactDetails
        {
            PersonId = personId, Agency = user.FindFirst(PlatformClaims.Agency)?.Value ?? "", Worker = user.FindFirst(PlatformClaims.Subject)?.Value ?? "",
            Channel = Channel, Outcome = Outcome, SeenAlone = SeenAlone == "yes", OthersPresentNote = OthersNote, Location = Location,
            PersonsWords = PersonsWords, Note = Note, Significant = Significant,
        };
        details.OthersPresent.AddRange(Others);
        details.Themes.AddRange(ThemeList.Order());
        if (!PostedFields.TryDay(Date, out var day)
            || !TimeOnly.TryParseExact(Time.Length == 0 ? "12:00" : Time, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            problems.Add(new FieldProblem("details.contact_at", "must be a real date, such as 27/03/2026, and a time such as 14:30"));
        }
        else
        {
            details.ContactAt = Timestamp.FromDateTime(Dates.ToUtc(day.ToDateTime(time)));
        }
        if (Channel == Channel.Unspecified)
        {
            problems.Add(new FieldProblem("details.channel", "must be chosen"));
        }
        if (Outcome == Outcome.Unspecified)
        {
            problems.Add(new FieldProblem("details.outcome", "must be chosen"));
        }
        if (Outcome == Outcome.Made && SeenAlone.Length == 0)
        {
            problems.Add(new FieldProblem("details.seen_alone", "must be answered when contact was made"));
        }
        return (details, problems);
    }
}
