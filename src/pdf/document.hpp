// One PDF made with libharu: the embedded TrueType fonts (UTF-8 text), their
// metrics for the layout engine, and the drawing of a finished Layout with
// bookmarks and document info. libharu reports errors through a callback;
// the callback records the first one and every step is checked after it,
// so nothing throws through libharu's C frames.
#pragma once

#include <ctime>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pdf/layout.hpp"
#include "util/result.hpp"

namespace bp::pdf {

struct FontFiles {
    std::string regular, bold;
    std::string fallback;  // the template's font_fallback, tried before font_fallback.hpp's search order
};

// Where fonts are looked for when the template names none, in order:
// DejaVu Sans (Debian's fonts-dejavu-core, then other distributions' paths),
// then Liberation Sans (fonts-liberation2, fonts-liberation).
const std::vector<FontFiles>& font_search_order();

// The template's font files when given (`bold` falls back to `regular`),
// else the first complete pair in font_search_order().
Result<FontFiles> find_fonts(const std::string& regular, const std::string& bold);

// plain: untagged PDF 1.3; accessible: tagged PDF 1.7 for PDF/UA-1 (the
// layout's structure tree, /Lang, XMP with pdfuaid); archival: accessible and
// PDF/A-2b (an sRGB output intent, pdfaid in the XMP, a document ID).
enum class PdfProfile { plain, accessible, archival };

struct DocInfo {
    std::string title, author, subject, keywords;
    std::time_t created = 0;  // 0: now (or SOURCE_DATE_EPOCH when set)
    PdfProfile profile = PdfProfile::plain;
    std::string language = "en-GB";  // the catalog's /Lang, when tagged
};

struct ImageSize {
    double width = 0, height = 0;  // pixels
};

class Document final : public Measure {
public:
    static Result<std::unique_ptr<Document>> create(const FontFiles& fonts);
    ~Document() override;
    Document(const Document&) = delete;
    Document& operator=(const Document&) = delete;

    double width(std::string_view text, FontStyle style, double size) const override;
    double ascent(FontStyle style) const override;
    double descent(FontStyle style) const override;

    // A PNG or JPEG file, loaded once for ImageOps that name it.
    Result<ImageSize> load_image(const std::string& path);

    // Draws every page of `layout`, its bookmarks and the document info; when
    // info.profile is not plain, tagged by the layout's structure.
    Status render(const Layout& layout, const DocInfo& info);
    Status save(const std::string& path);

    // What render() drew as U+FFFD because no font has a glyph for it
    // (beyond the BMP, or no fallback font installed), and the fallback font files it drew from.
    std::vector<char32_t> missing_characters() const;
    std::vector<std::string> fallback_fonts_used() const;
    // Whether the last save of a tagged document packed its structure tree while libharu wrote
    // the file (the number of libharu's objects was foretold right), not after it.
    bool structure_packed_while_saving() const;

private:
    struct Impl;
    explicit Document(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m;
};

}  // namespace bp::pdf
