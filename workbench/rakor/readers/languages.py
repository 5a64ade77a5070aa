"""The words meeting platforms write in their attendance exports, one table per language.

Readers never branch on a language: they look headers up in the union of these tables
(:func:`words`), so a new language (or a new spelling) is one more entry in
:data:`LANGUAGES`. Header words are compared through
:func:`~workbench.rakor.readers.platform.column_key` (case, accents, full-width forms and the
spaces around parentheses ignored).

Fields of a table:

- ``teams``: Microsoft Teams report columns. ``full_name``, ``first_join``, ``last_leave``,
  ``in_meeting`` and ``upn`` are written only by Teams (they identify it); ``name``,
  ``join``, ``leave``, ``duration``, ``email``, ``role`` are shared with other platforms.
- ``teams_events``: the old join/leave list (``name``, ``kind``, ``time`` columns) and its
  event values (``joined``, ``left``).
- ``teams_summary``: summary keys (``title``, ``start``, ``end``, ``duration``, ``id``) and
  ``headings`` (the summary and section titles, which identify a Teams report even when its
  table cannot be read).
- ``zoom``: Zoom participant columns (``name``, ``original_name``, ``email``, ``join``,
  ``leave``, ``duration``, ``total``, ``waiting``, ``guest``) and ``zoom_summary`` keys
  (``id``, ``topic``, ``start``, ``end``).
- ``units``: duration units (word -> minutes); ``time_words``: words written between a date
  and a time ("13/04/2021 à 09:01:31"); ``yes``: the word for "yes" (both under ``words``).
"""

from __future__ import annotations

from functools import lru_cache

Table = dict[str, tuple[str, ...]]

_H = 60.0
_S = 1 / 60

#: Language code -> (name in Indonesian, {table name -> {field -> words}}).
LANGUAGES: dict[str, tuple[str, dict[str, Table]]] = {
    "en": (
        "Inggris",
        {
            "teams": {
                "name": ("Name",),
                "full_name": ("Full Name",),
                "first_join": ("First Join", "First join"),
                "last_leave": ("Last Leave", "Last leave"),
                "in_meeting": ("In-Meeting Duration", "In-meeting duration"),
                "upn": ("Participant ID (UPN)",),
                "join": ("Join Time", "Join time"),
                "leave": ("Leave Time", "Leave time"),
                "duration": ("Duration",),
                "email": ("Email", "E-mail", "Email Address"),
                "role": ("Role",),
            },
            "teams_events": {
                "name": ("Full Name",),
                "kind": ("User Action",),
                "time": ("Timestamp",),
                "joined": ("Joined", "Joined before"),
                "left": ("Left",),
            },
            "teams_summary": {
                "title": ("Meeting title", "Meeting Title"),
                "start": ("Start time", "Meeting Start Time"),
                "end": ("End time", "Meeting End Time"),
                "duration": ("Meeting duration",),
                "id": ("Meeting Id", "Meeting ID"),
                "headings": (
                    "Meeting Summary",
                    "Summary",
                    "Participants",
                    "In-Meeting Activities",
                    "Total Number of Participants",
                    "Attended participants",
                ),
            },
            "zoom": {
                "original_name": ("Name (Original Name)",),
                "name": ("Name", "Participant"),
                "email": ("User Email", "Email"),
                "join": ("Join Time",),
                "leave": ("Leave Time",),
                "duration": ("Duration (Minutes)", "Duration (Mins)", "Duration"),
                "total": ("Total Duration (Minutes)",),
                "waiting": ("In Waiting Room",),
                "guest": ("Guest",),
            },
            "zoom_summary": {
                "id": ("Meeting ID", "Webinar ID"),
                "topic": ("Topic",),
                "start": ("Start Time",),
                "end": ("End Time",),
            },
            "units": {
                "h": ("hr", "hrs", "hour", "hours"),
                "m": ("min", "mins", "minute", "minutes"),
                "s": ("sec", "secs", "second", "seconds"),
            },
            "time_words": {"words": ("at",)},
            "yes": {"words": ("Yes", "True")},
        },
    ),
    "id": (
        "Indonesia",
        {
            "teams": {
                "name": ("Nama",),
                "full_name": ("Nama Lengkap",),
                "first_join": ("Bergabung Pertama", "Pertama Bergabung", "Gabung Pertama"),
                "last_leave": ("Terakhir Keluar", "Keluar Terakhir"),
                "in_meeting": ("Durasi Dalam Rapat",),
                "upn": ("ID Peserta (UPN)",),
                "join": ("Waktu Bergabung",),
                "leave": ("Waktu Keluar",),
                "duration": ("Durasi",),
                "email": ("Email",),
                "role": ("Peran",),
            },
            "teams_events": {
                "name": ("Nama Lengkap",),
                "kind": ("Tindakan Pengguna", "Aksi Pengguna"),
                "time": ("Tanda Waktu", "Stempel Waktu"),
                "joined": ("Bergabung", "Bergabung sebelumnya"),
                "left": ("Keluar",),
            },
            "teams_summary": {
                "title": ("Judul rapat",),
                "start": ("Waktu mulai", "Waktu Mulai Rapat"),
                "end": ("Waktu selesai", "Waktu Berakhir Rapat"),
                "duration": ("Durasi rapat",),
                "id": ("ID Rapat",),
                "headings": (
                    "Ringkasan Rapat",
                    "Ringkasan",
                    "Peserta",
                    "Aktivitas Dalam Rapat",
                    "Jumlah Total Peserta",
                    "Peserta yang hadir",
                ),
            },
            "zoom": {
                "original_name": ("Nama (nama asli)",),
                "name": ("Nama",),
                "email": ("Email Pengguna", "Email"),
                "join": ("Waktu bergabung",),
                "leave": ("Waktu keluar",),
                "duration": ("Durasi (menit)", "Durasi"),
                "total": ("Total durasi (menit)",),
                "waiting": ("Di ruang tunggu",),
                "guest": ("Tamu",),
            },
            "zoom_summary": {
                "id": ("ID Rapat", "ID Meeting"),
                "topic": ("Topik",),
                "start": ("Waktu mulai",),
                "end": ("Waktu selesai", "Waktu berakhir"),
            },
            "units": {"h": ("j", "jam"), "m": ("mnt", "menit"), "s": ("d", "dtk", "detik")},
            "time_words": {"words": ("pukul", "pada")},
            "yes": {"words": ("Ya",)},
        },
    ),
    "pt": (
        "Portugis",
        {
            "teams": {
                "name": ("Nome",),
                "full_name": ("Nome Completo",),
                "first_join": ("Primeira entrada", "Primeiro ingresso"),
                "last_leave": ("Última saída",),
                "in_meeting": ("Duração na reunião", "Duração da reunião"),
                "upn": ("ID do participante (UPN)",),
                "join": ("Hora de entrada", "Hora de Ingresso"),
                "leave": ("Hora de saída",),
                "duration": ("Duração",),
                "email": ("Email", "E-mail", "Endereço de email"),
                "role": ("Função",),
            },
            "teams_events": {
                "name": ("Nome Completo",),
                "kind": ("Atividade", "Ação do usuário"),
                "time": ("Data e hora", "Carimbo de data/hora"),
                "joined": ("Ingressou", "Ingressou antes", "Entrou antes de", "Entrou"),
                "left": ("Saiu",),
            },
            "teams_summary": {
                "title": ("Título da reunião",),
                "start": ("Hora de início", "Hora de início da reunião"),
                "end": ("Hora de término", "Hora de término da reunião"),
                "duration": ("Duração da reunião",),
                "id": ("ID da reunião",),
                "headings": (
                    "Resumo da reunião",
                    "Resumo",
                    "Participantes",
                    "Atividades na reunião",
                    "Número total de participantes",
                ),
            },
            "zoom": {
                "original_name": ("Nome (nome original)",),
                "name": ("Nome",),
                "email": ("E-mail do usuário", "E-mail"),
                "join": ("Horário de entrada", "Hora de entrada"),
                "leave": ("Horário de saída", "Hora de saída"),
                "duration": ("Duração (minutos)",),
                "total": ("Duração total (minutos)",),
                "waiting": ("Na sala de espera",),
                "guest": ("Convidado",),
            },
            "zoom_summary": {
                "id": ("ID da reunião",),
                "topic": ("Tópico",),
                "start": ("Hora de início",),
                "end": ("Hora de término",),
            },
            "units": {"h": ("hora", "horas"), "m": ("minuto", "minutos"), "s": ("seg",)},
            "time_words": {"words": ("às", "as")},
            "yes": {"words": ("Sim",)},
        },
    ),
    "fr": (
        "Prancis",
        {
            "teams": {
                "name": ("Nom",),
                "full_name": ("Nom complet",),
                "first_join": ("Première arrivée", "Première connexion"),
                "last_leave": ("Dernier départ", "Dernière déconnexion"),
                "in_meeting": ("Durée dans la réunion", "Durée de participation"),
                "upn": ("ID du participant (UPN)",),
                "join": ("Heure d'arrivée", "Heure de connexion"),
                "leave": ("Heure de départ", "Heure de déconnexion"),
                "duration": ("Durée",),
                "email": ("E-mail", "Adresse e-mail"),
                "role": ("Rôle",),
            },
            "teams_events": {
                "name": ("Nom complet",),
                "kind": ("Action de l'utilisateur",),
                "time": ("Horodatage",),
                "joined": ("A rejoint", "Rejoint", "A rejoint avant"),
                "left": ("A quitté", "Quitté"),
            },
            "teams_summary": {
                "title": ("Titre de la réunion",),
                "start": ("Heure de début", "Heure de début de la réunion"),
                "end": ("Heure de fin", "Heure de fin de la réunion"),
                "duration": ("Durée de la réunion",),
                "id": ("ID de la réunion",),
                "headings": (
                    "Résumé de la réunion",
                    "Résumé",
                    "Participants",
                    "Activités pendant la réunion",
                    "Nombre total de participants",
                ),
            },
            "zoom": {
                "original_name": ("Nom (nom original)",),
                "name": ("Nom",),
                "email": ("E-mail de l'utilisateur", "E-mail"),
                "join": ("Heure d'arrivée", "Heure de connexion"),
                "leave": ("Heure de départ", "Heure de déconnexion"),
                "duration": ("Durée (minutes)",),
                "total": ("Durée totale (minutes)",),
                "waiting": ("Dans la salle d'attente",),
                "guest": ("Invité",),
            },
            "zoom_summary": {
                "id": ("ID de réunion",),
                "topic": ("Sujet",),
                "start": ("Heure de début",),
                "end": ("Heure de fin",),
            },
            "units": {"h": ("heure", "heures"), "m": ("minute", "minutes"), "s": ("seconde",)},
            "time_words": {"words": ("à", "a")},
            "yes": {"words": ("Oui",)},
        },
    ),
    "pl": (
        "Polandia",
        {
            "teams": {
                "name": ("Imię i nazwisko",),
                "full_name": ("Pełna nazwa",),
                "first_join": ("Pierwsze dołączenie",),
                "last_leave": ("Ostatnie wyjście",),
                "in_meeting": ("Czas udziału w spotkaniu",),
                "upn": ("Identyfikator uczestnika (UPN)",),
                "join": ("Godzina dołączenia", "Czas dołączenia"),
                "leave": ("Godzina opuszczenia", "Czas opuszczenia"),
                "duration": ("Czas trwania",),
                "email": ("Adres e-mail", "E-mail"),
                "role": ("Rola",),
            },
            "teams_events": {
                "name": ("Imię i nazwisko", "Pełna nazwa"),
                "kind": ("Akcja użytkownika", "Działanie użytkownika"),
                "time": ("Sygnatura czasowa", "Znacznik czasu"),
                "joined": ("Dołączono", "Dołączył", "Dołączył(a)"),
                "left": ("Opuszczono", "Opuścił", "Opuścił(a)"),
            },
            "teams_summary": {
                "title": ("Tytuł spotkania",),
                "start": ("Godzina rozpoczęcia", "Godzina rozpoczęcia spotkania"),
                "end": ("Godzina zakończenia", "Godzina zakończenia spotkania"),
                "duration": ("Czas trwania spotkania",),
                "id": ("Identyfikator spotkania",),
                "headings": (
                    "Podsumowanie",
                    "Podsumowanie spotkania",
                    "Uczestnicy",
                    "Działania podczas spotkania",
                    "Liczba uczestniczących",
                ),
            },
            "zoom": {
                "original_name": ("Nazwa (oryginalna nazwa)", "Imię i nazwisko (oryginalne)"),
                "name": ("Nazwa", "Imię i nazwisko"),
                "email": ("Adres e-mail użytkownika", "E-mail użytkownika"),
                "join": ("Czas dołączenia", "Godzina dołączenia"),
                "leave": ("Czas opuszczenia", "Godzina opuszczenia"),
                "duration": ("Czas trwania (minuty)",),
                "total": ("Łączny czas trwania (minuty)",),
                "waiting": ("W poczekalni",),
                "guest": ("Gość",),
            },
            "zoom_summary": {
                "id": ("Identyfikator spotkania",),
                "topic": ("Temat",),
                "start": ("Godzina rozpoczęcia",),
                "end": ("Godzina zakończenia",),
            },
            "units": {"h": ("godz", "godzina", "godziny"), "m": ("minut",), "s": ("sek",)},
            "time_words": {"words": ("o",)},
            "yes": {"words": ("Tak",)},
        },
    ),
    "es": (
        "Spanyol",
        {
            "teams": {
                "name": ("Nombre",),
                "full_name": ("Nombre completo",),
                "first_join": ("Primera unión", "Primera entrada"),
                "last_leave": ("Última salida",),
                "in_meeting": ("Duración en la reunión",),
                "upn": ("Id. de participante (UPN)", "ID de participante (UPN)"),
                "join": ("Hora de unión", "Hora de entrada"),
                "leave": ("Hora de salida",),
                "duration": ("Duración",),
                "email": ("Correo electrónico", "Correo"),
                "role": ("Rol", "Función"),
            },
            "teams_events": {
                "name": ("Nombre completo",),
                "kind": ("Acción del usuario",),
                "time": ("Marca de tiempo",),
                "joined": ("Unido", "Se unió", "Unido antes"),
                "left": ("Salió", "Abandonó", "Se fue"),
            },
            "teams_summary": {
                "title": ("Título de la reunión",),
                "start": ("Hora de inicio", "Hora de inicio de la reunión"),
                "end": ("Hora de finalización", "Hora de finalización de la reunión"),
                "duration": ("Duración de la reunión",),
                "id": ("Id. de reunión", "ID de la reunión"),
                "headings": (
                    "Resumen de la reunión",
                    "Resumen",
                    "Participantes",
                    "Actividades en la reunión",
                    "Número total de participantes",
                ),
            },
            "zoom": {
                "original_name": ("Nombre (nombre original)",),
                "name": ("Nombre",),
                "email": ("Correo electrónico del usuario", "Correo electrónico"),
                "join": ("Hora de ingreso", "Hora de entrada"),
                "leave": ("Hora de salida",),
                "duration": ("Duración (minutos)",),
                "total": ("Duración total (minutos)",),
                "waiting": ("En la sala de espera",),
                "guest": ("Invitado",),
            },
            "zoom_summary": {
                "id": ("ID de reunión",),
                "topic": ("Tema",),
                "start": ("Hora de inicio",),
                "end": ("Hora de finalización",),
            },
            "units": {"h": ("hora", "horas"), "m": ("minuto", "minutos"), "s": ("seg",)},
            "time_words": {"words": ("a las", "a la")},
            "yes": {"words": ("Sí", "Si")},
        },
    ),
    "de": (
        "Jerman",
        {
            "teams": {
                "name": ("Name",),
                "full_name": ("Vollständiger Name",),
                "first_join": ("Erster Beitritt",),
                "last_leave": ("Letztes Verlassen",),
                "in_meeting": ("Dauer in der Besprechung", "Besprechungsdauer (Teilnahme)"),
                "upn": ("Teilnehmer-ID (UPN)",),
                "join": ("Beitrittszeit", "Zeitpunkt des Beitritts"),
                "leave": ("Verlassenszeit", "Zeitpunkt des Verlassens"),
                "duration": ("Dauer",),
                "email": ("E-Mail", "E-Mail-Adresse"),
                "role": ("Rolle",),
            },
            "teams_events": {
                "name": ("Vollständiger Name",),
                "kind": ("Benutzeraktion",),
                "time": ("Zeitstempel",),
                "joined": ("Beigetreten", "Vorher beigetreten"),
                "left": ("Verlassen", "Hat verlassen"),
            },
            "teams_summary": {
                "title": ("Besprechungstitel",),
                "start": ("Startzeit", "Besprechungsstartzeit"),
                "end": ("Endzeit", "Besprechungsendzeit"),
                "duration": ("Besprechungsdauer",),
                "id": ("Besprechungs-ID",),
                "headings": (
                    "Besprechungszusammenfassung",
                    "Zusammenfassung",
                    "Teilnehmer",
                    "Aktivitäten in der Besprechung",
                    "Gesamtzahl der Teilnehmer",
                ),
            },
            "zoom": {
                "original_name": ("Name (ursprünglicher Name)", "Name (Originalname)"),
                "name": ("Name",),
                "email": ("Benutzer-E-Mail", "E-Mail"),
                "join": ("Beitrittszeit",),
                "leave": ("Austrittszeit", "Zeitpunkt des Verlassens"),
                "duration": ("Dauer (Minuten)",),
                "total": ("Gesamtdauer (Minuten)",),
                "waiting": ("Im Warteraum",),
                "guest": ("Gast",),
            },
            "zoom_summary": {
                "id": ("Meeting-ID",),
                "topic": ("Thema",),
                "start": ("Startzeit",),
                "end": ("Endzeit",),
            },
            "units": {
                "h": ("std", "stunde", "stunden"),
                "m": ("minute", "minuten"),
                "s": ("sek", "sekunde", "sekunden"),
            },
            "time_words": {"words": ("um",)},
            "yes": {"words": ("Ja",)},
        },
    ),
    "nl": (
        "Belanda",
        {
            "teams": {
                "name": ("Naam",),
                "full_name": ("Volledige naam",),
                "first_join": ("Eerste deelname",),
                "last_leave": ("Laatste vertrek",),
                "in_meeting": ("Duur in vergadering",),
                "upn": ("Deelnemer-id (UPN)",),
                "join": ("Tijd van deelname", "Deelnametijd"),
                "leave": ("Tijd van vertrek", "Vertrektijd"),
                "duration": ("Duur",),
                "email": ("E-mailadres", "E-mail"),
                "role": ("Rol",),
            },
            "teams_events": {
                "name": ("Volledige naam",),
                "kind": ("Gebruikersactie",),
                "time": ("Tijdstempel",),
                "joined": ("Deelgenomen", "Heeft deelgenomen"),
                "left": ("Vertrokken", "Is vertrokken"),
            },
            "teams_summary": {
                "title": ("Titel van vergadering",),
                "start": ("Begintijd", "Begintijd van vergadering"),
                "end": ("Eindtijd", "Eindtijd van vergadering"),
                "duration": ("Duur van vergadering",),
                "id": ("Vergadering-id",),
                "headings": (
                    "Vergaderingsoverzicht",
                    "Samenvatting",
                    "Deelnemers",
                    "Activiteiten tijdens vergadering",
                    "Totaal aantal deelnemers",
                ),
            },
            "zoom": {
                "original_name": ("Naam (oorspronkelijke naam)",),
                "name": ("Naam",),
                "email": ("E-mailadres gebruiker", "E-mailadres"),
                "join": ("Tijd van deelname",),
                "leave": ("Tijd van vertrek",),
                "duration": ("Duur (minuten)",),
                "total": ("Totale duur (minuten)",),
                "waiting": ("In wachtkamer",),
                "guest": ("Gast",),
            },
            "zoom_summary": {
                "id": ("Vergadering-ID",),
                "topic": ("Onderwerp",),
                "start": ("Begintijd",),
                "end": ("Eindtijd",),
            },
            "units": {"h": ("u", "uur"), "m": ("minuut", "minuten"), "s": ("sec",)},
            "time_words": {"words": ("om",)},
            "yes": {"words": ("Ja",)},
        },
    ),
    "ja": (
        "Jepang",
        {
            "zoom": {
                "original_name": ("名前 (元の名前)",),
                "name": ("名前",),
                "email": ("ユーザーメール", "メール"),
                "join": ("参加時刻", "参加時間"),
                "leave": ("退出時刻", "退出時間"),
                "duration": ("所要時間 (分)", "期間 (分)", "時間 (分)"),
                "total": ("合計時間 (分)",),
                "waiting": ("待機室内", "待機室"),
                "guest": ("ゲスト",),
            },
            "zoom_summary": {
                "id": ("ミーティングID", "ミーティング ID"),
                "topic": ("トピック",),
                "start": ("開始時刻", "開始時間"),
                "end": ("終了時刻", "終了時間"),
            },
            "units": {"h": ("時間",), "m": ("分",), "s": ("秒",)},
            "yes": {"words": ("はい",)},
        },
    ),
}

#: Unit symbols written the same in every language.
_UNIT_MINUTES = {"h": _H, "m": 1.0, "s": _S}


def words(table: str, field: str) -> tuple[str, ...]:
    """Every language's words for ``field`` of ``table``, in :data:`LANGUAGES` order
    (English first), without repeats."""
    seen: dict[str, None] = {}
    for _, tables in LANGUAGES.values():
        for word in tables.get(table, {}).get(field, ()):
            seen.setdefault(word, None)
    return tuple(seen)


def aliases(table: str, fields: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """Reader field -> header words: each reader field gathers the table fields it lists
    (e.g. ``{"join": ("first_join", "join")}``), in that order."""
    return {
        name: tuple(dict.fromkeys(w for f in parts for w in words(table, f)))
        for name, parts in fields.items()
    }


@lru_cache(maxsize=1)
def duration_units() -> dict[str, float]:
    """Lower-case unit word -> minutes, every language ('godz' -> 60, 'sek' -> 1/60)."""
    units = dict(_UNIT_MINUTES)
    for _, tables in LANGUAGES.values():
        for symbol, names in tables.get("units", {}).items():
            for name in names:
                units[name.lower()] = _UNIT_MINUTES[symbol]
    return units


def time_words() -> tuple[str, ...]:
    """Words written between a date and a time, longest first."""
    return tuple(sorted(words("time_words", "words"), key=len, reverse=True))


def yes_words() -> frozenset[str]:
    """The word for "yes" in every language (lower case)."""
    return frozenset(w.lower() for w in words("yes", "words"))


def language_names(table: str) -> list[str]:
    """The Indonesian names of the languages that have ``table`` ('Inggris', ...)."""
    return [name for name, tables in LANGUAGES.values() if table in tables]


def language_of(table: str, texts: set[str], key) -> str | None:
    """The Indonesian name of the language whose ``table`` words (through ``key``) are most
    among ``texts`` (keys already), or None when none is."""
    best, best_hits = None, 0
    for name, tables in LANGUAGES.values():
        own = {key(w) for field in tables.get(table, {}).values() for w in field}
        hits = len(own & texts)
        if hits > best_hits:
            best, best_hits = name, hits
    return best
