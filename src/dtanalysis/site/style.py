"""The look shared by the site's pages (index, validation): one stylesheet, inline in each
page, no font or file from any host."""

CSS = """
body{font-family:"DejaVu Sans",system-ui,sans-serif;max-width:1100px;margin:2rem auto;
padding:0 1rem;color:#1f2933;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem} h2{margin-top:2rem;border-bottom:2px solid #d9e2ec}
.sub{color:#52606d;margin-top:0} table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #e4e7eb;vertical-align:top}
th{background:#f0f4f8} tr:nth-child(even) td{background:#fafbfc}
.ok{color:#0b6e4f;font-weight:600} .failed{color:#b42318;font-weight:600}
.missing{color:#7b8794} .err{color:#b42318;font-size:.85rem} nav a{margin-right:1.2rem}
"""
