# Preflight: proves that remote Python runs at all and that the editor has every class the real work
# will use (DATA["needs"], checked by run() before main), so that a missing plugin is reported before
# any clip is rendered.


def main():
    return {"checked": [n for (n, _) in DATA.get("needs", [])]}


run(main)
