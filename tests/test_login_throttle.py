"""Login throttling (sakip.organisasi.throttle): per account from one address (axes), per address
across accounts (password spraying), and a lock page that says why and until when."""

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sakip.organisasi.throttle import coba_lagi

pytestmark = pytest.mark.django_db
KANTOR = "203.0.113.10"  # a kecamatan office's one NAT address
RUMAH = "198.51.100.20"
NGINX = "127.0.0.1"
PASSWORD = "Benar-sekali-2025"


def user(username: str):
    return get_user_model().objects.create_user(username=username, password=PASSWORD)


def masuk(username: str, password: str, alamat: str = KANTOR, client=None, **meta):
    return (client or Client()).post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=alamat, **meta
    )


def logged_in(response) -> bool:
    return response.status_code == 302 and "_auth_user_id" in response.client.session


def waktu(response) -> str:
    assert response.status_code == 429, response.status_code
    return response.content.decode()


def pukul_setelah(moment: datetime, menit: int = 30) -> str:
    """The clock time a lock that starts at `moment` names: its end, rounded up to the minute."""
    end = timezone.localtime(moment + timedelta(minutes=menit))
    if end.second or end.microsecond:
        end = end.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return f"pukul {end:%H.%M} WIB"


def names_the_end_of_a_lock_begun_between(body: str, start: datetime, stop: datetime) -> bool:
    return any(pukul_setelah(t) in body for t in (start, stop))


def test_spraying_twenty_accounts_from_one_address_locks_the_address():
    for i in range(20):
        user(f"pegawai-{i:02d}")
    fresh = user("pegawai-baru")
    for i in range(19):
        tried = masuk(f"pegawai-{i:02d}", "Rahasia123")
        assert tried.status_code == 200
        assert "Nama akun atau kata sandi salah" in tried.content.decode()
    start = timezone.now()
    twentieth = masuk("pegawai-19", "Rahasia123")
    stop = timezone.now()
    body = waktu(twentieth)
    assert "dari alamat jaringan ini, untuk berbagai akun" in body
    assert names_the_end_of_a_lock_begun_between(body, start, stop)
    # a correct password for an account never tried before: refused, the same time named
    correct = masuk(fresh.username, PASSWORD)
    assert not logged_in(correct)
    assert names_the_end_of_a_lock_begun_between(waktu(correct), start, stop)
    # another address is not held back
    assert logged_in(masuk(fresh.username, PASSWORD, alamat=RUMAH))


def test_five_wrong_passwords_lock_the_account_from_that_address_only():
    operator = user("operator-jati")
    for _i in range(4):
        assert masuk(operator.username, "salah").status_code == 200
    start = timezone.now()
    fifth = masuk(operator.username, "salah")
    stop = timezone.now()
    body = waktu(fifth)
    assert "Akun terkunci sementara" in body
    assert "kata sandi yang salah untuk akun ini" in body
    assert names_the_end_of_a_lock_begun_between(body, start, stop)
    assert not logged_in(masuk(operator.username, PASSWORD))  # the right password, same address
    assert logged_in(masuk(operator.username, PASSWORD, alamat=RUMAH))
    # the address itself is not locked: a colleague at the office still logs in
    assert logged_in(masuk(user("operator-lain").username, PASSWORD))


def test_a_correct_login_resets_the_account_count():
    operator = user("operator-jati")
    for _i in range(4):
        assert masuk(operator.username, "salah").status_code == 200
    assert logged_in(masuk(operator.username, PASSWORD))
    for _i in range(4):
        assert masuk(operator.username, "salah").status_code == 200
    assert logged_in(masuk(operator.username, PASSWORD))


def test_an_office_s_correct_logins_do_not_use_up_its_budget(settings):
    settings.SAKIP_LOGIN_BATAS_ALAMAT = 5
    staff = [user(f"staf-{i}") for i in range(8)]
    for i in range(4):
        assert masuk(f"tidak-ada-{i}", "tebakan").status_code == 200
    for account in staff:  # eight logins after four failures: none counts
        assert logged_in(masuk(account.username, PASSWORD))
    assert "untuk berbagai akun" in waktu(masuk("tidak-ada-4", "tebakan"))  # the fifth failure


def test_attempts_during_a_lock_are_refused_uncounted_and_the_time_stays(settings):
    settings.SAKIP_LOGIN_BATAS_ALAMAT = 3
    colleague = user("operator-jati")
    for i in range(3):
        masuk(f"tidak-ada-{i}", "tebakan")
    first = waktu(masuk(colleague.username, "salah"))
    for _i in range(6):  # a colleague keeps trying while the office is held back
        assert waktu(masuk(colleague.username, "salah")) == first
    # none of it was a failure of the colleague's account: it is not locked from home
    assert not AccessAttempt.objects.filter(username=colleague.username).exists()
    assert logged_in(masuk(colleague.username, PASSWORD, alamat=RUMAH))


def test_an_account_lock_is_not_extended_by_attempts_during_it():
    operator = user("operator-jati")
    for _i in range(5):
        page = masuk(operator.username, "salah")
    named = waktu(page)
    for _i in range(3):
        assert waktu(masuk(operator.username, "salah")) == named
    assert AccessAttempt.objects.get(username=operator.username).failures_since_start == 5


def test_behind_nginx_each_client_address_has_its_own_limits(settings):
    settings.SAKIP_TRUSTED_PROXIES = [NGINX]
    settings.SAKIP_LOGIN_BATAS_ALAMAT = 3
    account = user("operator-jati")
    for i in range(3):
        masuk(f"tidak-ada-{i}", "tebakan", alamat=NGINX, HTTP_X_FORWARDED_FOR="203.0.113.7")
    held = masuk(account.username, PASSWORD, alamat=NGINX, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert held.status_code == 429
    other = masuk(account.username, PASSWORD, alamat=NGINX, HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert logged_in(other)
    # axes, too, counts the account per client, not per proxy
    for _i in range(5):
        masuk(account.username, "salah", alamat=NGINX, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert AccessAttempt.objects.get(username=account.username).ip_address == "203.0.113.9"


def test_the_admin_login_is_held_back_too(settings):
    settings.SAKIP_LOGIN_BATAS_ALAMAT = 2
    get_user_model().objects.create_superuser("root", password=PASSWORD)
    for i in range(2):
        masuk(f"tidak-ada-{i}", "tebakan")
    admin = Client().post(
        reverse("admin:login"), {"username": "root", "password": PASSWORD}, REMOTE_ADDR=KANTOR
    )
    assert admin.status_code == 429
    assert "_auth_user_id" not in admin.client.session


def test_the_lock_page_names_the_clock_time_in_the_server_s_zone(settings):
    instant = datetime(2025, 6, 3, 7, 34, 27, tzinfo=UTC)  # 14.34.27 in Jakarta
    assert coba_lagi(instant) == "Coba lagi setelah 3 Juni 2025 pukul 14.35 WIB."
    assert coba_lagi(instant.replace(second=0)) == "Coba lagi setelah 3 Juni 2025 pukul 14.34 WIB."
    settings.TIME_ZONE = "Asia/Makassar"
    assert coba_lagi(instant) == "Coba lagi setelah 3 Juni 2025 pukul 15.35 WITA."
    settings.TIME_ZONE = "Asia/Jakarta"
    soon = timezone.now().replace(second=0, microsecond=0)
    if timezone.localtime(soon).date() == timezone.localdate():
        assert coba_lagi(soon) == f"Coba lagi setelah pukul {timezone.localtime(soon):%H.%M} WIB."


def test_both_limits_are_read_from_the_environment(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k != "SAKIP_DATABASE_URL"},
        "SAKIP_DATA_DIR": str(tmp_path),
        "SAKIP_LOGIN_BATAS_AKUN": "7",
        "SAKIP_LOGIN_BATAS_ALAMAT": "50",
        "SAKIP_LOGIN_KUNCI_MENIT": "15",
    }
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'sakip.settings'; "
        "django.setup(); from sakip.organisasi import throttle as t; "
        "print(t.batas_akun(), t.batas_alamat(), t.lama_kunci())"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.stdout.split() == ["7", "50", "0:15:00"], result.stderr
