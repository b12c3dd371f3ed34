"""`{{ user|nama_orang }}`: the nama lengkap of a user when known, else the username, "sistem"
for none (sakip.organisasi.orang.nama_orang); `{{ nip|nip }}`: a NIP grouped as on documents."""

from django import template

from sakip.organisasi.orang import nama_orang as _nama_orang
from sakip.organisasi.orang import tulis_nip

register = template.Library()


@register.filter
def nama_orang(user):
    return _nama_orang(user)


@register.filter
def nip(text):
    return tulis_nip(text)
