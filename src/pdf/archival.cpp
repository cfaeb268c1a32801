#include "pdf/archival.hpp"

#include <filesystem>

#include <hpdf_objects.h>

#include <fmt/format.h>

#include "util/clock.hpp"
#include "util/sha256.hpp"

namespace bp::pdf {

namespace {

std::string xml_escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    }
    return out;
}

}  // namespace

Result<std::string> find_srgb_profile() {
    for (const char* path : {"/usr/share/color/icc/sRGB.icc", "/usr/share/color/icc/colord/sRGB.icc"}) {
        std::error_code ec;
        if (std::filesystem::is_regular_file(path, ec)) return std::string(path);
    }
    return make_error(Errc::io,
                      "an archival PDF (pdf = archival in the report template) needs an sRGB ICC profile: install "
                      "Debian's icc-profiles-free (/usr/share/color/icc/sRGB.icc), or choose pdf = accessible");
}

std::string xmp_packet(const XmpFields& f) {
    std::string x =
        "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
        "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
        "<rdf:Description rdf:about=\"\"\n"
        " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
        " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
        " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
        " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"";
    if (f.pdfa) x += "\n xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"";
    x += ">\n";
    x += fmt::format("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>\n",
                     xml_escape(f.title));
    if (!f.author.empty())
        x += fmt::format("<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>\n", xml_escape(f.author));
    if (!f.subject.empty())
        x += fmt::format("<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>\n",
                         xml_escape(f.subject));
    x += "<dc:format>application/pdf</dc:format>\n";
    if (!f.keywords.empty()) x += fmt::format("<pdf:Keywords>{}</pdf:Keywords>\n", xml_escape(f.keywords));
    x += fmt::format("<pdf:Producer>{}</pdf:Producer>\n", xml_escape(f.producer));
    x += fmt::format("<xmp:CreatorTool>{}</xmp:CreatorTool>\n", xml_escape(f.creator));
    const std::string when = iso_utc(f.created);
    x += fmt::format("<xmp:CreateDate>{0}</xmp:CreateDate>\n<xmp:ModifyDate>{0}</xmp:ModifyDate>\n"
                     "<xmp:MetadataDate>{0}</xmp:MetadataDate>\n",
                     when);
    x += "<pdfuaid:part>1</pdfuaid:part>\n";
    if (f.pdfa) x += "<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n";
    x += "</rdf:Description>\n";
    if (f.pdfa)  // PDF/A accepts only the XMP schemas it names, and others it is told of: pdfuaid is told of here
        x += "<rdf:Description rdf:about=\"\"\n"
             " xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
             " xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
             " xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
             "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
             "<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n"
             "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
             "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
             "<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n"
             "<pdfaProperty:name>part</pdfaProperty:name>\n"
             "<pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
             "<pdfaProperty:category>internal</pdfaProperty:category>\n"
             "<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>\n"
             "</rdf:li></rdf:Seq></pdfaSchema:property>\n"
             "</rdf:li></rdf:Bag></pdfaExtension:schemas>\n"
             "</rdf:Description>\n";
    x += "</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>";
    return x;
}

void add_metadata(HPDF_Doc doc, const std::string& xmp) {
    HPDF_Dict meta = HPDF_DictStream_New(doc->mmgr, doc->xref);
    if (!meta) return;
    HPDF_Dict_AddName(meta, "Type", "Metadata");
    HPDF_Dict_AddName(meta, "Subtype", "XML");
    HPDF_Stream_Write(meta->stream, reinterpret_cast<const HPDF_BYTE*>(xmp.data()), static_cast<HPDF_UINT>(xmp.size()));
    HPDF_Dict_Add(doc->catalog, "Metadata", meta);
}

void add_srgb_output_intent(HPDF_Doc doc, const std::string& icc) {
    HPDF_MMgr mmgr = doc->mmgr;
    HPDF_Dict profile = HPDF_DictStream_New(mmgr, doc->xref);
    if (!profile) return;
    profile->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    HPDF_Dict_AddNumber(profile, "N", 3);
    HPDF_Stream_Write(profile->stream, reinterpret_cast<const HPDF_BYTE*>(icc.data()), static_cast<HPDF_UINT>(icc.size()));
    HPDF_Dict intent = HPDF_Dict_New(mmgr);
    if (!intent || HPDF_Xref_Add(doc->xref, intent) != HPDF_OK) return;
    HPDF_Dict_AddName(intent, "Type", "OutputIntent");
    HPDF_Dict_AddName(intent, "S", "GTS_PDFA1");
    HPDF_Dict_Add(intent, "OutputConditionIdentifier", HPDF_String_New(mmgr, "sRGB IEC61966-2.1", nullptr));
    HPDF_Dict_Add(intent, "Info", HPDF_String_New(mmgr, "sRGB IEC61966-2.1", nullptr));
    HPDF_Dict_Add(intent, "RegistryName", HPDF_String_New(mmgr, "http://www.color.org", nullptr));
    HPDF_Dict_Add(intent, "DestOutputProfile", profile);
    HPDF_Array intents = HPDF_Array_New(mmgr);
    HPDF_Array_Add(intents, intent);
    HPDF_Dict_Add(doc->catalog, "OutputIntents", intents);
}

std::string document_id(const std::string& seed) {
    std::string hex = sha256_hex(seed), id;
    for (std::size_t i = 0; i < 16; ++i) id += static_cast<char>(std::stoi(hex.substr(2 * i, 2), nullptr, 16));
    return id;
}

}  // namespace bp::pdf
