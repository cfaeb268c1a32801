#include "pdf/tagging.hpp"

#include <algorithm>
#include <iterator>

#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include <fmt/format.h>

#include "util/utf8.hpp"

namespace bp::pdf {

namespace {

void write_raw(HPDF_Page page, const std::string& text) {
    auto* attr = static_cast<HPDF_PageAttr>(page->attr);
    HPDF_Stream_WriteStr(attr->stream, text.c_str());
}

// One kid of an element: a child element or a marked-content sequence on a page.
struct Kid {
    bool content = false;
    StructId elem = k_artifact;
    std::size_t page = 0;
    std::size_t mcid = 0;
};

}  // namespace

void PageMarks::begin(StructId tag, bool text) {
    end();
    m_text = text;
    if (tag == k_artifact) {
        write_raw(m_page, "/Artifact BMC\n");
    } else {
        write_raw(m_page, fmt::format("/{} <</MCID {}>> BDC\n", role_name(m_structure[tag].role), m_owners.size()));
        m_owners.push_back(tag);
    }
    m_open = true;
    m_tag = tag;
}

void PageMarks::end() {
    if (m_open) write_raw(m_page, "EMC\n");
    m_open = false;
}

namespace {

// A PDF text string: a literal when printable ASCII, else UTF-16BE hex with its byte-order mark.
void append_text_string(std::string& out, const std::string& utf8) {
    bool ascii = true;
    for (unsigned char c : utf8) ascii = ascii && c >= 0x20 && c < 0x7F;
    if (ascii) {
        out += '(';
        for (char c : utf8) {
            if (c == '(' || c == ')' || c == '\\') out += '\\';
            out += c;
        }
        out += ')';
        return;
    }
    out += "<FEFF";
    for (std::size_t i = 0; i < utf8.size();) {
        Utf8Char u = decode_utf8(utf8, i);
        char32_t cp = u.length == 0 ? 0xFFFD : u.cp;
        i += u.length == 0 ? 1 : u.length;
        if (cp > 0xFFFF) {
            cp -= 0x10000;
            out += fmt::format("{:04X}{:04X}", 0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF));
        } else {
            out += fmt::format("{:04X}", static_cast<unsigned>(cp));
        }
    }
    out += '>';
}

void append_ref(std::string& out, HPDF_Dict d) {
    fmt::format_to(std::back_inserter(out), "{} 0 R", d->header.obj_id & 0x00FFFFFF);  // the object number
}

// libharu writes a dictionary's entries and then calls this: the body made for it, kept in `attr`.
HPDF_STATUS write_body(HPDF_Dict dict, HPDF_Stream stream) {
    const auto* body = static_cast<const std::string_view*>(dict->attr);
    return HPDF_Stream_Write(stream, reinterpret_cast<const HPDF_BYTE*>(body->data()), static_cast<HPDF_UINT>(body->size()));
}

// An indirect object of libharu's whose entries are written by write_body
// (its `attr` is set once the bodies are made).
HPDF_Dict raw_object(HPDF_Doc doc) {
    HPDF_Dict d = HPDF_Dict_New(doc->mmgr);
    if (!d || HPDF_Xref_Add(doc->xref, d) != HPDF_OK) return nullptr;
    d->write_fn = write_body;
    return d;
}

}  // namespace

void write_structure_tree(HPDF_Doc doc, const Structure& s, const std::vector<HPDF_Page>& pages,
                          const std::vector<std::vector<StructId>>& owners, const std::string& language,
                          RawBodies& bodies) {
    HPDF_MMgr mmgr = doc->mmgr;
    // Kids in reading order: an element's content and child elements as the
    // pages draw them; an element with no content where the model puts it.
    std::vector<std::vector<Kid>> kids(s.size());
    std::vector<bool> placed(s.size(), false);
    placed[Structure::root()] = true;
    auto place = [&](StructId e) {
        for (StructId child = e; !placed[child];) {
            placed[child] = true;
            StructId up = s[child].parent;
            kids[up].push_back(Kid{false, child});
            child = up;
        }
    };
    for (std::size_t p = 0; p < owners.size(); ++p)
        for (std::size_t mcid = 0; mcid < owners[p].size(); ++mcid) {
            StructId e = owners[p][mcid];
            place(e);
            kids[e].push_back(Kid{true, e, p, mcid});
        }
    for (StructId e = 1; e < s.size(); ++e) {
        if (placed[e]) continue;
        placed[e] = true;  // its parent (made before it) is placed by now
        const auto& order = s[s[e].parent].children;
        auto rank = [&](StructId x) { return std::find(order.begin(), order.end(), x) - order.begin(); };
        auto& list = kids[s[e].parent];
        auto at = std::find_if(list.begin(), list.end(), [&](const Kid& k) { return !k.content && rank(k.elem) > rank(e); });
        list.insert(at, Kid{false, e});
    }

    // Tens of thousands of elements in a long report: each is one libharu
    // object whose entries are written here as text, not built from
    // libharu's objects (a dictionary, a name and a number each, and a proxy
    // per reference, took a third of the build's time and twice its memory).
    // One buffer for every body (`starts`: where each begins), viewed once it is complete.
    std::string& b = bodies.text;
    b.clear();
    b.reserve(s.size() * 48);
    std::vector<std::size_t> starts;
    std::vector<HPDF_Dict> dicts(s.size(), nullptr);
    for (StructId e = 0; e < s.size(); ++e)
        if (!(dicts[e] = raw_object(doc))) return;
    HPDF_Dict root = HPDF_Dict_New(mmgr);
    if (!root || HPDF_Xref_Add(doc->xref, root) != HPDF_OK) return;
    auto out = std::back_inserter(b);
    for (StructId e = 0; e < s.size(); ++e) {
        const StructElem& el = s[e];
        starts.push_back(b.size());
        // /Type /StructElem is optional and left out.
        b += "/S/";
        b += role_name(el.role);
        b += "/P ";
        append_ref(b, e == Structure::root() ? root : dicts[el.parent]);
        if (el.role == Role::figure) {
            b += "/Alt";
            append_text_string(b, el.alt);
        }
        if (!el.actual_text.empty()) {
            b += "/ActualText";
            append_text_string(b, el.actual_text);
        }
        if (el.scope != Scope::none || el.col_span > 1) {
            b += "/A<</O/Table";
            if (el.scope != Scope::none) b += el.scope == Scope::column ? "/Scope/Column" : "/Scope/Row";
            if (el.col_span > 1) fmt::format_to(out, "/ColSpan {}", el.col_span);
            b += ">>";
        }
        // /Pg names the page of the first content; content elsewhere is an MCR dictionary.
        std::size_t pg = pages.size();
        for (const auto& k : kids[e])
            if (k.content) {
                pg = k.page;
                break;
            }
        if (pg < pages.size()) {
            b += "/Pg ";
            append_ref(b, pages[pg]);
        }
        b += "/K";
        const bool one = kids[e].size() == 1 && kids[e][0].content && kids[e][0].page == pg;  // a cell's one text
        if (!one) b += '[';
        for (const auto& k : kids[e]) {
            b += ' ';
            if (!k.content) {
                append_ref(b, dicts[k.elem]);
            } else if (k.page == pg) {
                b += std::to_string(k.mcid);
            } else {
                b += "<</Type/MCR/Pg ";
                append_ref(b, pages[k.page]);
                fmt::format_to(out, "/MCID {}>>", k.mcid);
            }
        }
        if (!one) b += ']';
        b += '\n';
    }

    // The ParentTree: for page i (its /StructParents), the element of each MCID.
    starts.push_back(b.size());
    b += "/Nums[";
    for (std::size_t p = 0; p < pages.size(); ++p) {
        HPDF_Dict_AddNumber(pages[p], "StructParents", static_cast<HPDF_INT32>(p));
        fmt::format_to(out, "\n{} [", p);
        if (p < owners.size())
            for (StructId e : owners[p]) {
                b += ' ';
                append_ref(b, dicts[e]);
            }
        b += ']';
    }
    b += "]\n";
    HPDF_Dict parent_tree = raw_object(doc);
    if (!parent_tree) return;

    HPDF_Dict_AddName(root, "Type", "StructTreeRoot");
    HPDF_Dict_Add(root, "K", dicts[Structure::root()]);
    HPDF_Dict_Add(root, "ParentTree", parent_tree);
    HPDF_Dict_AddNumber(root, "ParentTreeNextKey", static_cast<HPDF_INT32>(pages.size()));

    HPDF_Dict catalog = doc->catalog;
    HPDF_Dict_Add(catalog, "StructTreeRoot", root);
    HPDF_Dict mark_info = HPDF_Dict_New(mmgr);
    HPDF_Dict_AddBoolean(mark_info, "Marked", HPDF_TRUE);
    HPDF_Dict_Add(catalog, "MarkInfo", mark_info);
    starts.push_back(b.size());
    b += "/Lang";
    append_text_string(b, language);
    starts.push_back(b.size());
    auto& views = bodies.views;
    views.clear();
    for (std::size_t i = 0; i + 1 < starts.size(); ++i)
        views.emplace_back(b.data() + starts[i], starts[i + 1] - starts[i]);
    for (StructId e = 0; e < s.size(); ++e) dicts[e]->attr = &views[e];
    parent_tree->attr = &views[s.size()];
    catalog->attr = &views[s.size() + 1];  // the catalog has no write hook of its own
    catalog->write_fn = write_body;
    // libharu's viewer preferences have no DisplayDocTitle: the dictionary is written here.
    auto* prefs = static_cast<HPDF_Dict>(HPDF_Dict_GetItem(catalog, "ViewerPreferences", HPDF_OCLASS_DICT));
    if (!prefs) {
        prefs = HPDF_Dict_New(mmgr);
        HPDF_Dict_Add(catalog, "ViewerPreferences", prefs);
    }
    HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle", HPDF_TRUE);
}

}  // namespace bp::pdf
