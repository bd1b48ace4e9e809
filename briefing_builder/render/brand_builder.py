"""Build the bundled brand templates from ``templates/brand.yaml``.

Run ``python -m briefing_builder.render.brand_builder`` (or ``make templates``) to write
``templates/briefing-<size>.pptx`` and the sidecar ``templates/briefing-<size>.yaml`` for
every size in the brand definition.

The package starts from python-pptx's default template: its presentation properties,
view properties, table styles, default text style and theme are reused; the theme's
colours and fonts, the slide master and the layouts are generated for the requested slide
size by :mod:`briefing_builder.render.brand_xml`. The zip is written with fixed dates and
fixed core properties, so a rebuild from the same brand file is byte-identical.
"""

from __future__ import annotations

import argparse
import io
import zipfile
from pathlib import Path

import pptx
import yaml
from lxml import etree

from briefing_builder.brand import read_brand_yaml
from briefing_builder.ooxml.atomic_files import atomic_write, atomic_write_text
from briefing_builder.ooxml.builder import element, part_bytes, reserialised_part
from briefing_builder.ooxml.namespaces import NS, RELATIONSHIP_BASE
from briefing_builder.ooxml.package_parts import (
    content_types_part,
    core_properties,
    properties_root,
    relationships_part,
    w3c_date,
)
from briefing_builder.paths import templates_dir
from briefing_builder.render.brand_logo import png_size, render_logo
from briefing_builder.render.brand_xml import (
    LAYOUTS,
    NS_P,
    Brand,
    Grid,
    Logo,
    layout_xml,
    master_xml,
    theme_xml,
)

DEFAULT_TEMPLATE = Path(pptx.__file__).parent / "templates" / "default.pptx"
ZIP_DATE = (2024, 1, 1, 0, 0, 0)
FIXED_TIMESTAMP = "2024-01-01T00:00:00Z"
#: Role -> layout name, written to the sidecar so detection is never needed for ours.
ROLE_LAYOUTS: dict[str, str] = {
    "title": "Title", "agenda": "Agenda", "section": "Section",
    "content": "Title and Content", "two_content": "Two Content",
    "title_only": "Title Only", "closing": "Closing",
}

_CT = "application/vnd.openxmlformats-officedocument.presentationml."
_RT = RELATIONSHIP_BASE


def load_brand(path: Path) -> Brand:
    """Read a brand definition YAML file (see templates/brand.yaml) into a :class:`Brand`."""
    data = read_brand_yaml(path)
    colours = {k: str(v).lstrip("#").upper() for k, v in data["colours"].items()
               if not isinstance(v, list)}
    secondary = tuple(str(v).lstrip("#").upper() for v in data["colours"].get(
        "secondary", ["4A6FA5", "5B8A8C", "8A94A6", "8C6A1F"]))
    if len(secondary) < 4:
        raise ValueError(f"{path}: colours.secondary needs four colours")
    return Brand(
        name=str(data["name"]), colours=colours, secondary=secondary,
        heading_font=str(data["fonts"]["heading"]), body_font=str(data["fonts"]["body"]),
        monogram=str(data["logo"]["monogram"]), wordmark=str(data["logo"].get("wordmark", "")),
        footer=str(data.get("footer", "")),
        text={k: float(v) for k, v in data["text"].items()},
        sizes={str(k): (int(v["width"]), int(v["height"])) for k, v in data["sizes"].items()},
    )


def _presentation_xml(default_prs: bytes, width: int, height: int) -> bytes:
    root = etree.fromstring(default_prs)
    p = f"{{{NS_P}}}"
    size = root.find(p + "sldSz")
    size.set("cx", str(width))
    size.set("cy", str(height))
    kind = {(12192000, 6858000): "custom", (9144000, 6858000): "screen4x3"}.get(
        (width, height), "custom")
    if kind == "custom":
        size.attrib.pop("type", None)
    else:
        size.set("type", kind)
    return reserialised_part(root)


def _core_xml(brand: Brand) -> bytes:
    return part_bytes(core_properties([
        element("dc:title", text=brand.name), element("dc:creator", text="Briefing Builder"),
        element("cp:lastModifiedBy", text="Briefing Builder"), element("cp:revision", text="1"),
        w3c_date("dcterms:created", FIXED_TIMESTAMP), w3c_date("dcterms:modified", FIXED_TIMESTAMP),
    ]))


def _app_xml(brand: Brand, size_name: str) -> bytes:
    return part_bytes(properties_root("ep", [
        element("ep:Application", text="Briefing Builder"), element("ep:PresentationFormat", text=size_name),
        element("ep:Slides", text="0"), element("ep:Notes", text="0"), element("ep:HiddenSlides", text="0"),
        element("ep:AppVersion", text="16.0000"),
    ]))


def build_parts(brand: Brand, size_name: str) -> dict[str, bytes]:
    """All parts of the template package for one size, keyed by zip member name."""
    width, height = brand.sizes[size_name]
    grid = Grid(width, height)
    with zipfile.ZipFile(DEFAULT_TEMPLATE) as default:
        base = {name: default.read(name) for name in (
            "ppt/presentation.xml", "ppt/presProps.xml", "ppt/viewProps.xml",
            "ppt/tableStyles.xml", "ppt/theme/theme1.xml")}
    c = brand.colours
    dark_png = render_logo(brand.monogram, brand.wordmark, c["accent"], c["primary"],
                           c["primary"])
    light_png = render_logo(brand.monogram, brand.wordmark, c["accent"], c["primary"],
                            c["white"])
    dark_w, dark_h = png_size(dark_png)
    light_w, light_h = png_size(light_png)
    parts: dict[str, bytes] = {
        "ppt/presentation.xml": _presentation_xml(base["ppt/presentation.xml"], width, height),
        "ppt/presProps.xml": base["ppt/presProps.xml"],
        "ppt/viewProps.xml": base["ppt/viewProps.xml"],
        "ppt/tableStyles.xml": base["ppt/tableStyles.xml"],
        "ppt/theme/theme1.xml": theme_xml(base["ppt/theme/theme1.xml"], brand),
        "ppt/media/logo-dark.png": dark_png,
        "ppt/media/logo-light.png": light_png,
        "docProps/core.xml": _core_xml(brand),
        "docProps/app.xml": _app_xml(brand, size_name),
    }
    master_rels: list[tuple[str, str, str]] = []
    for i, (name, kind) in enumerate(LAYOUTS, start=1):
        dark = Logo("rId2", dark_w / dark_h)
        light = Logo("rId3", light_w / light_h)
        parts[f"ppt/slideLayouts/slideLayout{i}.xml"] = layout_xml(name, kind, brand, grid,
                                                                   dark, light)
        parts[f"ppt/slideLayouts/_rels/slideLayout{i}.xml.rels"] = relationships_part([
            ("rId1", _RT + "slideMaster", "../slideMasters/slideMaster1.xml"),
            ("rId2", _RT + "image", "../media/logo-dark.png"),
            ("rId3", _RT + "image", "../media/logo-light.png")])
        master_rels.append((f"rId{i}", _RT + "slideLayout", f"../slideLayouts/slideLayout{i}.xml"))
    n = len(LAYOUTS)
    master_rels += [(f"rId{n + 1}", _RT + "theme", "../theme/theme1.xml"),
                    (f"rId{n + 2}", _RT + "image", "../media/logo-dark.png")]
    parts["ppt/slideMasters/slideMaster1.xml"] = master_xml(
        brand, grid, Logo(f"rId{n + 2}", dark_w / dark_h), [f"rId{i}" for i in range(1, n + 1)])
    parts["ppt/slideMasters/_rels/slideMaster1.xml.rels"] = relationships_part(master_rels)
    parts["ppt/_rels/presentation.xml.rels"] = relationships_part([
        ("rId1", _RT + "slideMaster", "slideMasters/slideMaster1.xml"),
        ("rId3", _RT + "presProps", "presProps.xml"),
        ("rId4", _RT + "viewProps", "viewProps.xml"),
        ("rId5", _RT + "theme", "theme/theme1.xml"),
        ("rId6", _RT + "tableStyles", "tableStyles.xml")])
    parts["_rels/.rels"] = relationships_part([
        ("rId1", _RT + "officeDocument", "ppt/presentation.xml"),
        ("rId2", NS["rel"] + "/metadata/core-properties", "docProps/core.xml"),
        ("rId3", _RT + "extended-properties", "docProps/app.xml")])
    overrides = {
        "/ppt/presentation.xml": _CT + "presentation.main+xml",
        "/ppt/slideMasters/slideMaster1.xml": _CT + "slideMaster+xml",
        "/ppt/presProps.xml": _CT + "presProps+xml",
        "/ppt/viewProps.xml": _CT + "viewProps+xml",
        "/ppt/theme/theme1.xml": "application/vnd.openxmlformats-officedocument.theme+xml",
        "/ppt/tableStyles.xml": _CT + "tableStyles+xml",
        **{f"/ppt/slideLayouts/slideLayout{i}.xml": _CT + "slideLayout+xml"
           for i in range(1, n + 1)},
        "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
        "/docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    }
    parts["[Content_Types].xml"] = content_types_part(
        {"xml": "application/xml", "png": "image/png",
         "rels": "application/vnd.openxmlformats-package.relationships+xml"}, overrides)
    return parts


def write_package(parts: dict[str, bytes], out_path: Path) -> None:
    """Write ``parts`` as a zip with fixed dates and a stable member order."""
    order = ["[Content_Types].xml", "_rels/.rels"] + sorted(
        k for k in parts if k not in ("[Content_Types].xml", "_rels/.rels"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            zf.writestr(info, parts[name], compresslevel=9)
    atomic_write(out_path, buffer.getvalue())


def sidecar_yaml(brand: Brand) -> str:
    """The sidecar that pins every role to its layout and sets the text sizes."""
    data = {
        "roles": dict(ROLE_LAYOUTS),
        "text": {"body_max_pt": brand.text["body_max_pt"],
                 "body_min_pt": brand.text["body_min_pt"]},
        "footer": brand.footer,
    }
    head = (f"# Sidecar for the '{brand.name}' template, written by\n"
            "# python -m briefing_builder.render.brand_builder from templates/brand.yaml.\n")
    return head + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def build_template(brand: Brand, size_name: str, out_path: Path) -> Path:
    """Build one template for ``brand`` at ``size_name`` into ``out_path`` (.pptx).

    Also writes the sidecar ``out_path`` with a ``.yaml`` suffix. Returns ``out_path``.
    """
    out_path = Path(out_path)
    write_package(build_parts(brand, size_name), out_path)
    atomic_write_text(out_path.with_suffix(".yaml"), sidecar_yaml(brand))
    return out_path


def main(argv: list[str] | None = None) -> int:
    """Command line: build every size of the brand into the templates folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--brand", type=Path, default=templates_dir() / "brand.yaml")
    parser.add_argument("--out", type=Path, default=None,
                        help="output folder (default: next to the brand file)")
    args = parser.parse_args(argv)
    brand = load_brand(args.brand)
    out_dir = args.out or args.brand.parent
    for size_name in brand.sizes:
        path = build_template(brand, size_name, out_dir / f"briefing-{size_name}.pptx")
        print(f"wrote {path} and {path.with_suffix('.yaml').name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
