"""A template with many slide masters (python-pptx's default master copied, 11 layouts each), for timing."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pptx

DEFAULT = Path(pptx.__file__).parent / "templates" / "default.pptx"
_CT = "application/vnd.openxmlformats-officedocument.presentationml."
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def make_many_masters(path: Path, masters: int = 9) -> Path:
    """Write a template with ``masters`` masters of 11 layouts each (99 layouts for 9) to ``path``."""
    with zipfile.ZipFile(DEFAULT) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    master_rels = parts["ppt/slideMasters/_rels/slideMaster1.xml.rels"]
    layouts = sorted(int(n) for n in re.findall(rb"slideLayout(\d+)\.xml", master_rels))
    count = len(layouts)
    master_ids, types = [], []
    for k in range(2, masters + 1):
        rels = []
        for i in layouts:
            j = (k - 1) * count + i
            parts[f"ppt/slideLayouts/slideLayout{j}.xml"] = parts[f"ppt/slideLayouts/slideLayout{i}.xml"]
            parts[f"ppt/slideLayouts/_rels/slideLayout{j}.xml.rels"] = parts[
                f"ppt/slideLayouts/_rels/slideLayout{i}.xml.rels"].replace(b"slideMaster1.xml",
                                                                           f"slideMaster{k}.xml".encode())
            rels.append(f'<Relationship Id="rId{i}" Type="{_RT}slideLayout" '
                        f'Target="../slideLayouts/slideLayout{j}.xml"/>')
            types.append(f'<Override PartName="/ppt/slideLayouts/slideLayout{j}.xml" '
                         f'ContentType="{_CT}slideLayout+xml"/>')
        rels.append(f'<Relationship Id="rId{count + 1}" Type="{_RT}theme" Target="../theme/theme{k}.xml"/>')
        parts[f"ppt/slideMasters/_rels/slideMaster{k}.xml.rels"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.'
            f'openxmlformats.org/package/2006/relationships">{"".join(rels)}</Relationships>').encode()
        master = parts["ppt/slideMasters/slideMaster1.xml"]
        ids = iter(range(2147483649 + k * 100, 2147483649 + k * 100 + count))
        parts[f"ppt/slideMasters/slideMaster{k}.xml"] = re.sub(
            rb'<p:sldLayoutId id="\d+"', lambda _m, ids=ids: f'<p:sldLayoutId id="{next(ids)}"'.encode(), master)
        parts[f"ppt/theme/theme{k}.xml"] = parts["ppt/theme/theme1.xml"]
        types.append(f'<Override PartName="/ppt/slideMasters/slideMaster{k}.xml" ContentType="{_CT}slideMaster+xml"/>')
        types.append(f'<Override PartName="/ppt/theme/theme{k}.xml" ContentType="application/'
                     'vnd.openxmlformats-officedocument.theme+xml"/>')
        master_ids.append((k, 2147483000 + k * 100))
    parts["ppt/presentation.xml"] = parts["ppt/presentation.xml"].replace(
        b"</p:sldMasterIdLst>", "".join(f'<p:sldMasterId id="{i}" r:id="rIdM{k}"/>' for k, i in master_ids).encode()
        + b"</p:sldMasterIdLst>")
    parts["ppt/_rels/presentation.xml.rels"] = parts["ppt/_rels/presentation.xml.rels"].replace(
        b"</Relationships>", "".join(f'<Relationship Id="rIdM{k}" Type="{_RT}slideMaster" '
                                     f'Target="slideMasters/slideMaster{k}.xml"/>' for k, _i in master_ids).encode()
        + b"</Relationships>")
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", "".join(types).encode() + b"</Types>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path
