from tests.test_encryption import *
import traceback
def test_dbg(qtbot, tmp_path, encrypted, monkeypatch):
    calls = []
    orig_r, orig_f = cipher.remember, cipher.forget
    monkeypatch.setattr(cipher, "remember", lambda p, pw: (calls.append(("R", "".join(traceback.format_stack(limit=6)[:-1]))), orig_r(p, pw)))
    monkeypatch.setattr(cipher, "forget", lambda p: (calls.append(("F", "".join(traceback.format_stack(limit=6)[:-1]))), orig_f(p)))
    window = empty_window(qtbot, tmp_path)
    assert window.open_dossier(encrypted, ) if False else True
    d = Dossier.open(encrypted, password=PASSWORD)
    window.close()
    window._install(d)
    window.close()
    for c in calls: print(c[0], c[1][-600:])
    print(cipher._held)
