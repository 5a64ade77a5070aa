"""Phrase lists for the synthetic narratives of the sample quarterly reports (Indonesian)."""

from __future__ import annotations

SASARAN = (
    "pemilih pemula",
    "pelajar SMA/SMK",
    "komunitas penyandang disabilitas",
    "organisasi perempuan",
    "tokoh agama dan tokoh masyarakat",
    "anggota karang taruna",
    "mahasiswa",
    "santri pondok pesantren",
    "kelompok petani dan nelayan",
)
LOKASI = (
    "aula kantor KPU",
    "balai desa",
    "sekolah menengah atas",
    "pondok pesantren",
    "kampus perguruan tinggi setempat",
    "pendopo kabupaten",
    "gedung serbaguna kecamatan",
)
TOPIK = (
    "pemutakhiran data pemilih berkelanjutan",
    "evaluasi Pemilihan Serentak 2024",
    "layanan informasi publik",
    "pendidikan pemilih berkelanjutan",
    "pengelolaan arsip dan dokumentasi pemilu",
    "hasil Pemilu dan Pemilihan 2024",
    "keterbukaan informasi publik",
    "standar output kehumasan KPU",
)
MITRA = (
    "Dinas Komunikasi dan Informatika",
    "Bawaslu",
    "Dinas Kependudukan dan Pencatatan Sipil",
    "Badan Kesatuan Bangsa dan Politik",
    "Persatuan Wartawan Indonesia",
    "RRI",
    "perguruan tinggi setempat",
    "Kementerian Agama",
    "TVRI",
    "radio komunitas",
)
ACARA = (
    "rapat pleno terbuka rekapitulasi daftar pemilih berkelanjutan",
    "sosialisasi pendidikan pemilih",
    "diskusi publik kepemiluan",
    "peluncuran rumah pintar pemilu",
    "talkshow kepemiluan",
    "apel pagi dan upacara",
)
PLATFORM = ("Instagram", "Facebook", "TikTok", "YouTube", "X (Twitter)")

#: Sentence templates (``{satker}``, ``{n}`` and the lists above are filled in).
KEGIATAN = (
    "Menyelenggarakan sosialisasi pendidikan pemilih bagi {sasaran} di {lokasi}.",
    "Mengunggah {n} konten edukasi kepemiluan di akun {platform} resmi {satker}.",
    "Menerbitkan {n} siaran pers tentang {topik}.",
    "Melaksanakan rapat koordinasi dengan {mitra} membahas {topik}.",
    "Menyiarkan langsung {acara} melalui kanal YouTube {satker}.",
    "Memperbarui berita kegiatan di laman resmi {satker} tentang {topik}.",
    "Mendokumentasikan {acara} sesuai standar foto kehumasan KPU.",
    "Menjalin kerja sama publikasi tanpa anggaran dengan {mitra}.",
    "Menjadi narasumber dialog interaktif di {mitra} tentang {topik}.",
    "Mengikuti Rakor Bakohumas KPU Provinsi secara daring membahas {topik}.",
    "Melayani {n} permohonan informasi publik melalui PPID {satker}.",
    "Menggelar kunjungan {sasaran} ke rumah pintar pemilu {satker}.",
)
OPENING = "Selama bulan {bulan} {tahun}, {satker} melaksanakan kegiatan kehumasan berikut."
BULAN = {1: "Januari–Maret", 2: "April–Juni", 3: "Juli–September", 4: "Oktober–Desember"}

KENDALA_SDM = "SDM belum mengikuti pelatihan kehumasan"
KENDALA_ANGGARAN = "Keterbatasan anggaran kegiatan Bakohumas"
KENDALA_SARANA = "Sarana prasarana kehumasan (kamera, lighting, perangkat livestream) terbatas"
KENDALA_LAIN = (
    "Jaringan internet kantor tidak stabil saat livestream",
    "Staf kehumasan merangkap tugas lain",
    "Belum ada staf khusus pengelola media sosial",
    "Regulasi Bakohumas belum sepenuhnya dipahami pelaksana",
    "Jangkauan unggahan media sosial masih rendah",
)
TANPA_KENDALA = "Tidak ada kendala berarti"
