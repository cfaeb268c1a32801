// The report template (templates/report.ini, documented in
// docs/report-template.md): which sections the board report has and in what
// order, their titles and page orientation, the board's name, meeting date,
// author, classification, page size, RAG colours, logo and font.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pdf/document.hpp"  // PdfProfile
#include "pdf/layout.hpp"
#include "util/excel_date.hpp"
#include "util/result.hpp"

namespace bp::render {

enum class SectionKind { title, progress, kpis, exceptions, data_quality, changes };
// "title", "progress", "kpis", "exceptions", "data_quality", "changes"
const char* section_key(SectionKind kind);

enum class Orientation { portrait, landscape };
// How much of a long list the report prints: `digest` summarises the Data
// quality findings and the amber actions on track to recover when they would
// take more than a few pages; `full` lists every one.
enum class Appendix { digest, full };
enum class Paper { a4, a3, letter };
// Who the report is for: `public` papers go on the council's website, so
// personal data found in the text stops the build (check/personal_data.hpp).
enum class Audience { internal, public_paper };
// Whether someone has read the personal-data findings and accepts them for a public paper.
enum class PersonalDataReview { unreviewed, reviewed };

struct SectionSpec {
    SectionKind kind = SectionKind::title;
    std::string title;
    Orientation orientation = Orientation::portrait;
    bool new_page = false;  // start on a new page even when the orientation does not change
    std::string intro;      // printed before the generated sentences
};

struct RagColours {
    pdf::Color blue, green, amber, red;
};

struct ReportTemplate {
    std::string board;           // "Children's Improvement Board"
    std::string title;           // the report's title
    std::string author;
    std::string classification;  // "OFFICIAL", printed on every page
    std::optional<CivilDate> meeting_date;
    Paper paper = Paper::a4;
    bool numbered = true;  // "1. Summary of progress"
    Appendix appendix = Appendix::digest;
    Audience audience = Audience::internal;
    PersonalDataReview personal_data = PersonalDataReview::unreviewed;
    // A public paper shows counts of children from 1 to this (and figures that give one away) as "c"; 0: none.
    int suppress_counts_up_to = 5;
    // plain: untagged; accessible: tagged for screen readers (PDF/UA-1); archival: accessible and PDF/A-2b.
    pdf::PdfProfile pdf = pdf::PdfProfile::accessible;
    std::vector<SectionKind> order;     // the sections printed, in order
    std::vector<SectionSpec> settings;  // one per SectionKind, in enum order, printed or not
    RagColours rag;
    pdf::Color accent;          // headings and table heads
    std::string logo;      // PNG or JPEG, resolved against the template's folder; empty: none
    std::string font, font_bold;  // TrueType files; empty: the search order in docs/report-template.md
    std::string font_fallback;    // TrueType file for what `font` lacks, before the fallback search order
    std::string source;    // the file it was loaded from, empty for the built-in one

    // A public paper no one has cleared of personal data: any `personal-data` hit refuses it.
    bool refuses_personal_data() const {
        return audience == Audience::public_paper && personal_data == PersonalDataReview::unreviewed;
    }
    // The printed sections, in order.
    std::vector<SectionSpec> sections() const;
};

// The built-in template (templates/report.ini, compiled in).
ReportTemplate default_report_template();

// Reads and validates a template over the built-in one: keys it leaves out
// keep their built-in values. A bad one gives an Error whose
// where.file is `path`, where.line the offending line, and whose message
// starts "line N:".
Result<ReportTemplate> load_report_template(const std::string& path);

// The same from text over `base`; relative logo and font paths resolve
// against `base_dir`; errors name `name`.
Result<ReportTemplate> parse_report_template(const std::string& text, const std::string& name,
                                             const std::string& base_dir, ReportTemplate base);

pdf::PageSize page_size(Paper paper, Orientation orientation);

}  // namespace bp::render
