package id.go.bkn.epupns.sapk;

import id.go.bkn.epupns.sapk.Wilayah.Culture;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Indonesian personal names by naming tradition (Javanese, Sundanese, Batak, Minang, Bugis,
 * Balinese, Minahasa, Ambonese, Papuan, Arabic-influenced, ...), with the religion that usually
 * goes with them. A tradition has variants (e.g. Christian Toba Batak and Muslim Mandailing), each
 * with its own given names and family names; patrilineal traditions pass the family name (marga)
 * on to the children.
 */
final class Names {

  /** A generated person: full name, religion and the family name children inherit (or null). */
  record Person(String nama, String agama, String marga, Culture culture) {
  }

  private record Variant(int weight, String[] religions, int[] religionWeights, String[] male, String[] female,
                         String[] lastMale, String[] lastFemale, double singleName, String[] prefixMale,
                         String[] prefixFemale, double prefixChance, boolean patrilineal) {
  }

  private static final String[] MUSLIM_MALE = {"Muhammad", "Ahmad", "Abdul Rahman", "Agus", "Budi", "Hendra",
      "Rudi", "Fajar", "Rizki", "Hasan", "Irwan", "Syahrul", "Taufik", "Yusuf", "Zainal", "Arif", "Iwan", "Dedi",
      "Heri", "Rahmat", "Firman", "Ridwan", "Sofyan", "Anwar", "Amir", "Nasrul"};
  private static final String[] MUSLIM_FEMALE = {"Siti", "Nur", "Dewi", "Rina", "Yuni", "Fitri", "Ratna", "Lina",
      "Nurul", "Dian", "Indah", "Maya", "Ani", "Rini", "Yanti", "Aisyah", "Fatimah", "Khadijah", "Zahra", "Nurhayati"};

  private static final Map<Culture, List<Variant>> VARIANTS = new EnumMap<>(Culture.class);

  static {
    VARIANTS.put(Culture.ACEH, List.of(new Variant(1, a("Islam"), w(1),
        a("Muhammad", "Zulkifli", "Husaini", "Marzuki", "Fadli", "Mukhlis", "Azhari", "Iskandar", "Safrizal",
            "Munawar", "Zulfikar", "Syukri", "Darmawan", "Fauzan", "Khairul", "Mahdi", "Nazaruddin", "Rizal"),
        a("Nurul", "Rahmah", "Fitriani", "Yusnidar", "Nurhayati", "Mawaddah", "Safriana", "Salmiah", "Zahratul",
            "Ernawati", "Cut Nurul", "Husna", "Maisarah", "Rosmiati", "Nurjannah"),
        a("Hasan", "Ibrahim", "Yusuf", "Abdullah", "Ismail", "Daud", "Idris", "Umar", "Husin", "Basyah", "Amin",
            "Ali", "Saleh", "Mahmud", "Ramli"),
        a("Hasan", "Ibrahim", "Yusuf", "Abdullah", "Ismail", "Daud", "Idris", "Amin", "Ali", "Sari", "Fitri"),
        0.1, a("Teuku", "Tgk."), a("Cut"), 0.12, false)));
    VARIANTS.put(Culture.BATAK, List.of(
        new Variant(63, a("Kristen", "Katholik"), w(55, 8),
            a("Robert", "Hotman", "Parulian", "Lamhot", "Togar", "Binsar", "Jonner", "Marihot", "Daniel", "Samuel",
                "Bonar", "Poltak", "Sahat", "Ronald", "Freddy", "Tigor", "Manahan", "Hisar", "Rudolf", "Jansen"),
            a("Maria", "Rosmawati", "Lasma", "Debora", "Tiurma", "Rotua", "Hotnida", "Sondang", "Mariani", "Ruth",
                "Erlina", "Dame", "Tiomina", "Romauli", "Lince", "Nurmaida", "Rosdiana", "Juliana"),
            a("Simanjuntak", "Hutapea", "Panjaitan", "Sinaga", "Tambunan", "Manurung", "Sihombing", "Silalahi",
                "Situmorang", "Pardede", "Sitompul", "Hutagalung", "Napitupulu", "Simatupang", "Gultom", "Siahaan",
                "Sianturi", "Pasaribu", "Simbolon", "Sirait", "Purba", "Saragih", "Ginting", "Sembiring", "Tarigan",
                "Perangin-angin", "Damanik", "Hutabarat", "Lumbantobing", "Marpaung"),
            null, 0, null, null, 0, true),
        new Variant(37, a("Islam"), w(1),
            a("Ahmad", "Syahrial", "Irsan", "Fauzi", "Rizal", "Muhammad", "Zulkarnain", "Aswin", "Khairul", "Darwin",
                "Amran", "Syafaruddin", "Hamdan", "Sakti"),
            a("Nurhalimah", "Siti Aisyah", "Masdelina", "Rahmadani", "Nurhasanah", "Fitri", "Mardiah", "Khairunnisa",
                "Asmidar", "Irma", "Nur Aini", "Sri Wahyuni"),
            a("Nasution", "Lubis", "Harahap", "Siregar", "Hasibuan", "Daulay", "Rangkuti", "Batubara", "Pulungan",
                "Ritonga", "Dalimunthe", "Matondang", "Pohan"),
            null, 0, null, null, 0, true)));
    VARIANTS.put(Culture.MINANG, List.of(new Variant(1, a("Islam"), w(1),
        a("Afrizal", "Yusrizal", "Zulhendri", "Syafrudin", "Hendri", "Efrizal", "Dasril", "Asrul", "Yulnasri",
            "Jasman", "Desrizal", "Rahmad", "Fadhli", "Mardius", "Alfian", "Irwandi", "Zulkarnaini", "Novrizal",
            "Defri", "Erizon", "Gusrizal", "Yondri"),
        a("Yelmi", "Desrianti", "Rahmi", "Novita", "Yusnimar", "Elfi", "Nelvi", "Syafrida", "Rosmaniar", "Yulia",
            "Welfi", "Mardiana", "Erlinda", "Nurhasanah", "Yenni", "Elvira", "Fitri", "Zurniati", "Dewi"),
        a("Syahputra", "Hidayat", "Efendi", "Yunus", "Anwar", "Rasyid", "Syarif", "Malik", "Saputra", "Chaniago",
            "Piliang", "Tanjung", "Sikumbang", "Koto", "Jambak"),
        a("Oktavia", "Wahyuni", "Yanti", "Susanti", "Rosalina", "Fitri", "Yusra", "Marlina", "Sari", "Asmara"),
        0.3, null, null, 0, false)));
    VARIANTS.put(Culture.MELAYU, List.of(new Variant(1, a("Islam", "Budha", "Kristen"), w(93, 3, 4),
        a("Muhammad", "Ahmad", "Zainal", "Syahril", "Azwar", "Rusli", "Hendra", "Junaidi", "Masrul", "Herman",
            "Sofyan", "Firdaus", "Mulyadi", "Rahmat", "Budiman", "Darmawan", "Syamsul", "Edi", "Hamdani"),
        a("Siti", "Nurhayati", "Rosmawati", "Yusnaini", "Suryani", "Hasnah", "Fitriani", "Rahmawati", "Aminah",
            "Zubaidah", "Mariani", "Dahlia", "Yuliana", "Elly", "Rosita", "Herlina"),
        a("Hasan", "Syahputra", "Effendi", "Saleh", "Rahman", "Bakar", "Yusuf", "Hamzah", "Ismail", "Arifin",
            "Zulkifli", "Hidayat", "Kurniawan", "Saputra"),
        a("Aryani", "Wati", "Sari", "Lestari", "Hasanah", "Rahayu", "Yanti", "Marlina", "Fitria", "Novianti"),
        0.15, null, null, 0, false)));
    VARIANTS.put(Culture.SUNDA, List.of(new Variant(1, a("Islam", "Kristen"), w(97, 3),
        a("Asep", "Ujang", "Dede", "Cecep", "Yayan", "Dadang", "Ade", "Agus", "Dedi", "Iwan", "Wawan", "Deden",
            "Encep", "Ayi", "Hendi", "Rizal", "Taufik", "Nandang", "Ruhiyat", "Jajang", "Yusuf", "Ahmad", "Budi",
            "Aep", "Engkos", "Yudi"),
        a("Euis", "Neneng", "Iis", "Tati", "Yeni", "Rina", "Ai", "Lilis", "Nining", "Popon", "Cucu", "Yayah",
            "Nenden", "Siti", "Dewi", "Rosita", "Wiwin", "Nurul", "Fitri", "Ratna", "Imas", "Enok", "Ika"),
        a("Sunarya", "Supriatna", "Sukmana", "Hidayat", "Permana", "Suryana", "Kurniawan", "Saepudin", "Ruswandi",
            "Sopandi", "Nugraha", "Gunawan", "Setiawan", "Mulyana", "Rukmana", "Sudrajat", "Kusnadi",
            "Firmansyah", "Hermawan", "Rohman", "Suhendar", "Kusumah"),
        a("Rahayu", "Nurhayati", "Sumiati", "Rosmiati", "Kurniasih", "Yuliani", "Komalasari", "Nurjanah",
            "Suryani", "Permatasari", "Sari", "Mulyani", "Herawati", "Rohaeti", "Sukaesih", "Nurlela"),
        0.1, null, null, 0, false)));
    VARIANTS.put(Culture.JAWA, List.of(new Variant(1, a("Islam", "Kristen", "Katholik"), w(92, 4, 4),
        a("Bambang", "Agus", "Budi", "Joko", "Slamet", "Heru", "Sugeng", "Eko", "Dwi", "Tri", "Wahyu", "Hari",
            "Sutrisno", "Suparman", "Sugiyanto", "Edi", "Yudi", "Bayu", "Aris", "Teguh", "Didik", "Supriyadi",
            "Mulyono", "Ari", "Rudy", "Hendro", "Purwanto", "Sukardi", "Suyanto", "Wahyudi", "Ahmad", "Muhammad"),
        a("Sri", "Endang", "Tri", "Dwi", "Sulastri", "Suparmi", "Wahyuningsih", "Retno", "Rini", "Siti", "Yuli",
            "Nanik", "Dyah", "Ratna", "Ani", "Indah", "Kartini", "Sumiyati", "Puji", "Eni", "Anik", "Tutik", "Wiwik",
            "Dewi", "Endah", "Nur", "Lilik", "Umi"),
        a("Santoso", "Susanto", "Purnomo", "Wibowo", "Setiawan", "Prasetyo", "Hartono", "Widodo", "Suharto",
            "Nugroho", "Utomo", "Sutanto", "Riyanto", "Haryanto", "Wijaya", "Kurniawan", "Saputro", "Sulistyo",
            "Raharjo", "Hidayat", "Pamungkas", "Santosa", "Subagyo", "Suryadi", "Wicaksono", "Prabowo",
            "Setyawan", "Mulyadi", "Budiono", "Sasongko"),
        a("Rahayu", "Lestari", "Wulandari", "Handayani", "Astuti", "Sulistyowati", "Suryani", "Rahmawati",
            "Hartati", "Susilowati", "Pratiwi", "Wahyuni", "Setyaningsih", "Kusumawati", "Purwaningsih",
            "Indrawati", "Widayati", "Sulistyaningsih", "Utami", "Maryani", "Nurhayati", "Rahmaningsih"),
        0.25, null, null, 0, false)));
    VARIANTS.put(Culture.BALI, List.of(new Variant(1, a("Hindu", "Kristen", "Islam"), w(92, 3, 5),
        a("Sudarsana", "Suardana", "Artawan", "Mahendra", "Astawa", "Sukerta", "Sutrisna", "Wirawan", "Adnyana",
            "Budiarta", "Darmawan", "Suarjana", "Widiana", "Suwirya", "Sumadi", "Arsana", "Parwata", "Wiryawan",
            "Sudiarta", "Mertayasa", "Suastika", "Gunawan", "Sukadana", "Dharma Putra"),
        a("Ariani", "Sri Utami", "Kartika", "Sukarmi", "Suartini", "Ariasih", "Widiastuti", "Sriani", "Purnami",
            "Sukadani", "Wahyuni", "Sudarmi", "Astiti", "Suryani", "Sudiartini", "Rai Sutini", "Mariani", "Darmayanti"),
        null, null, 1.0,
        a("I Wayan", "I Made", "I Nyoman", "I Ketut", "I Gede", "I Putu", "I Komang", "I Kadek", "Ida Bagus",
            "Anak Agung", "I Gusti Ngurah"),
        a("Ni Wayan", "Ni Made", "Ni Nyoman", "Ni Ketut", "Ni Luh", "Ni Putu", "Ni Komang", "Ni Kadek", "Ida Ayu",
            "Anak Agung Istri", "I Gusti Ayu"),
        1.0, false)));
    VARIANTS.put(Culture.SASAK, List.of(new Variant(1, a("Islam", "Hindu"), w(95, 5),
        a("Muhammad", "Ahmad", "Zainul", "Hairul", "Saparudin", "Mahsun", "Jumadil", "Sahnan", "Suhaimi",
            "Mursalim", "Zulkarnain", "Hamdan", "Syamsul", "Sapriadi", "Burhanuddin", "Khairul"),
        a("Nurul", "Hartini", "Rohani", "Saniah", "Husnul", "Sumiati", "Rabiah", "Nurhasanah", "Mahyani",
            "Hulaimi", "Sri Wahyuni", "Rukmini", "Nurhidayah", "Zohriah"),
        a("Hadi", "Ahyar", "Fauzi", "Arif", "Hakim", "Mahmud", "Hamid", "Ridwan", "Azhar", "Ismail", "Amrullah"),
        a("Hidayati", "Aini", "Hayati", "Suryani", "Fitriani", "Kartini", "Wahyuni", "Hasanah"),
        0.2, a("Lalu"), a("Baiq"), 0.15, false)));
    VARIANTS.put(Culture.NTT, List.of(
        new Variant(88, a("Katholik", "Kristen"), w(55, 35),
            a("Yohanes", "Fransiskus", "Yosef", "Agustinus", "Petrus", "Paulus", "Markus", "Antonius", "Yakobus",
                "Stefanus", "Dominikus", "Alexander", "Benediktus", "Marthen", "Yeremias", "Simon", "Kornelis",
                "Aloysius", "Hironimus", "Laurensius"),
            a("Maria", "Theresia", "Yuliana", "Veronika", "Agnes", "Magdalena", "Elisabeth", "Katarina", "Margaretha",
                "Yosefina", "Bernadeta", "Florentina", "Adriana", "Martha", "Selfina", "Imelda", "Kristina"),
            a("Fernandez", "Da Costa", "Lake", "Tefa", "Nope", "Bria", "Seran", "Kapitan", "Manafe", "Ndun", "Lado",
                "Pah", "Bunga", "Sogen", "Goran", "Wadu", "Riwu", "Mbete", "Nggadas", "Koten", "Hurek", "Tokan",
                "Kolo", "Amalo", "Fanggidae", "Djami", "Nahak", "Mau", "Leki", "Making"),
            null, 0, null, null, 0, true),
        new Variant(12, a("Islam"), w(1), MUSLIM_MALE, MUSLIM_FEMALE,
            a("Bethan", "Kiwang", "Sanga", "Hamid", "Kadir", "Kiuk", "Rasyid", "Saleh"), null, 0.1, null, null, 0, true)));
    VARIANTS.put(Culture.DAYAK, List.of(
        new Variant(50, a("Katholik", "Kristen"), w(55, 45),
            a("Yohanes", "Stefanus", "Alexander", "Yulius", "Frans", "Martinus", "Markus", "Kornelius", "Agustinus",
                "Rufinus", "Petrus", "Ignatius", "Benediktus", "Aris", "Sabinus"),
            a("Maria", "Yuliana", "Theresia", "Susana", "Elisabeth", "Veronika", "Natalia", "Lusia", "Rosalia",
                "Yasinta", "Margareta", "Fransiska"),
            a("Ngabut", "Usop", "Lambang", "Djaman", "Ibie", "Nahan", "Dohong", "Tingang", "Uluk", "Lawing", "Djuang",
                "Anyang", "Sinun", "Ajang", "Lejau", "Igau", "Sanjaya", "Bahat", "Toyang"),
            null, 0.1, null, null, 0, true),
        new Variant(50, a("Islam"), w(1), MUSLIM_MALE, MUSLIM_FEMALE,
            a("Syahputra", "Hamdani", "Rahman", "Kurniawan", "Effendi", "Hidayat"),
            a("Wati", "Sari", "Rahayu", "Fitriani", "Yanti"), 0.2, null, null, 0, false)));
    VARIANTS.put(Culture.BANJAR, List.of(new Variant(1, a("Islam", "Kristen"), w(94, 6),
        a("Muhammad", "Ahmad", "Rahmadi", "Syahrani", "Abdul Hadi", "Fahrurrazi", "Mursyid", "Hairani", "Nurdin",
            "Masrani", "Rusdiansyah", "Anang", "Syahrian", "Gusti Rizky", "Akhmad", "Hairil"),
        a("Siti", "Rusmini", "Norhasanah", "Mahrita", "Rahmah", "Halimah", "Norhayati", "Rusliani", "Hairiyah",
            "Salasiah", "Masitah", "Raudah", "Noorlaila", "Hamidah"),
        a("Noor", "Arsyad", "Hasan", "Ansari", "Rahman", "Rizani", "Fauzi", "Effendi", "Hidayat", "Saputra", "Rifani"),
        a("Hidayah", "Rahmah", "Aulia", "Fitriani", "Wati", "Rahmawati", "Maulida", "Noviana"),
        0.2, a("Gusti"), a("Gusti"), 0.06, false)));
    VARIANTS.put(Culture.MINAHASA, List.of(
        new Variant(88, a("Kristen", "Katholik"), w(80, 8),
            a("Johny", "Frans", "Jefri", "Steven", "Hendrik", "Ronny", "Max", "Arnold", "Jantje", "Fredy", "Meyer",
                "Decky", "Noldy", "Roy", "Vicky", "Oktavianus", "Marthen", "Stenly", "Royke", "Jeffry"),
            a("Grace", "Meiske", "Lenny", "Femmy", "Deisy", "Olga", "Jeane", "Merry", "Vonny", "Sientje", "Stella",
                "Feibe", "Margaretha", "Christine", "Marlyn", "Juliana", "Jull", "Debby", "Inggrid"),
            a("Lumowa", "Rumengan", "Pangemanan", "Tumbelaka", "Wowor", "Sondakh", "Mandagi", "Kaunang",
                "Rondonuwu", "Pontoh", "Tambuwun", "Sumampouw", "Lengkong", "Supit", "Kalalo", "Runtuwene", "Lontoh",
                "Tangkudung", "Walangitan", "Karundeng", "Rotinsulu", "Wenas", "Mamahit", "Rumondor", "Tumewu"),
            null, 0, null, null, 0, true),
        new Variant(12, a("Islam"), w(1), MUSLIM_MALE, MUSLIM_FEMALE,
            a("Mokodompit", "Manoppo", "Paputungan", "Mokoginta", "Lasabuda", "Damopolii"), null, 0, null, null, 0, true)));
    VARIANTS.put(Culture.BUGIS, List.of(
        new Variant(92, a("Islam"), w(1),
            a("Muhammad", "Abdul", "Syamsuddin", "Hasanuddin", "Basri", "Arifin", "Syamsul", "Haerul", "Jamaluddin",
                "Baso", "Ilham", "Ashar", "Rahmat", "Sudirman", "Kamaruddin", "Amiruddin", "Muhlis", "Asri",
                "Muh. Ridwan", "Nasrullah", "Zainuddin", "Irfan"),
            a("Sitti", "Hasnah", "Nurhaedah", "Hasniati", "Nurlina", "Rosmini", "Suriani", "Hadijah", "Murni",
                "Jumriati", "Harnida", "Sukmawati", "Nurbaya", "Hasmawati", "Rahmatia", "Nurjannah", "Fatmawati"),
            a("Rahman", "Hamid", "Amir", "Saleh", "Bakri", "Latif", "Hafid", "Ramli", "Idris", "Arsyad", "Baharuddin",
                "Rauf", "Sanusi", "Mustari", "Syarif", "Tahir", "Umar", "Mappiare"),
            a("Syamsiah", "Ramlah", "Nurjannah", "Kartini", "Rahmawati", "Nurhayati", "Ayu", "Wahyuni", "Aminah"),
            0.15, a("Andi", "H. Andi"), a("Andi"), 0.18, false),
        new Variant(8, a("Kristen", "Katholik"), w(7, 1),
            a("Yohanis", "Markus", "Daniel", "Yusuf", "Petrus", "Paulus", "Simon", "Samuel"),
            a("Maria", "Ester", "Rahel", "Yohana", "Debora", "Lidia"),
            a("Pasolon", "Rante", "Tandi", "Palimbong", "Sampe", "Tangdilintin", "Bura", "Pakiding"),
            null, 0, null, null, 0, true)));
    VARIANTS.put(Culture.GORONTALO, List.of(new Variant(1, a("Islam"), w(1),
        a("Muhammad", "Ahmad", "Rahmat", "Ismail", "Abdul", "Hamzah", "Yusuf", "Ridwan", "Sofyan", "Kasim", "Nurdin",
            "Rusli", "Idris", "Suleman"),
        a("Hadija", "Sartin", "Nurain", "Ratna", "Sitti", "Yuliyanti", "Nurhayati", "Rosna", "Marlina", "Fatma",
            "Nurdiana", "Rahmawaty"),
        a("Mohamad", "Bone", "Hasan", "Dunggio", "Ali", "Katili", "Tangahu", "Lamato", "Pomalingo", "Lahay", "Daud",
            "Djafar", "Nusi", "Monoarfa", "Habibie", "Uno", "Bakari", "Panigoro", "Usman", "Datau", "Mooduto", "Gobel",
            "Pakaya"),
        null, 0, null, null, 0, true)));
    VARIANTS.put(Culture.MALUKU, List.of(
        new Variant(50, a("Kristen", "Katholik"), w(44, 6),
            a("Johanis", "Alexander", "Frederik", "Melkianus", "Hendrik", "Yohanis", "Semuel", "Jacob", "Ferry",
                "Izaak", "Nikolas", "Abraham", "Johny", "Marthinus"),
            a("Yohana", "Maria", "Magdalena", "Paulina", "Josephina", "Christina", "Elsye", "Salomina", "Wilhelmina",
                "Ruth", "Yuliana", "Nona", "Marlen"),
            a("Latuheru", "Pattinama", "Matulessy", "Tuhumury", "Siahaya", "Pattiasina", "Wattimena", "Latumahina",
                "Leiwakabessy", "Tupamahu", "Soselisa", "Sahetapy", "Manuputty", "Pelupessy", "Lewerissa", "Nanlohy",
                "Rehatta", "Sopacua", "Huwae", "Tutuarima"),
            null, 0, null, null, 0, true),
        new Variant(50, a("Islam"), w(1),
            a("Muhammad", "Abdullah", "Ahmad", "Umar", "Said", "Hasan", "Husein", "Rusdi", "Abubakar", "Ismail"),
            a("Siti", "Fatma", "Nurlela", "Sarifa", "Hadija", "Nurhayati", "Salma", "Aisa", "Halima"),
            a("Ohorella", "Tuasikal", "Marasabessy", "Latuconsina", "Tuanaya", "Wailissa", "Pellu", "Sangadji",
                "Samal", "Tuhulele", "Mahulette", "Kiat", "Ternate", "Sjah", "Bailussy"),
            null, 0, null, null, 0, true)));
    VARIANTS.put(Culture.PAPUA, List.of(
        new Variant(65, a("Kristen", "Katholik", "Islam"), w(72, 22, 6),
            a("Yohanes", "Markus", "Yakob", "Melkias", "Septinus", "Yulius", "Daniel", "Nikolas", "Agustinus",
                "Robert", "Frits", "Zakeus", "Yance", "Demianus", "Thobias", "Obed", "Yosias", "Herman"),
            a("Yuliana", "Maria", "Martha", "Selvi", "Yohana", "Ester", "Ribka", "Naomi", "Fransina", "Adolfina",
                "Agustina", "Ruth", "Sarlota", "Orpa", "Dorkas"),
            a("Wanma", "Rumbiak", "Yoku", "Mandowen", "Kogoya", "Wenda", "Tabuni", "Kambu", "Mayor", "Ayomi", "Sawaki",
                "Rumbewas", "Karubaba", "Womsiwor", "Mote", "Pigai", "Tebai", "Murib", "Enembe", "Wonda", "Rumainum",
                "Kaisiepo", "Fonataba", "Krey", "Rumaropen", "Hamadi", "Yarangga", "Awom"),
            null, 0, null, null, 0, true),
        // Many PNS in Papua came from elsewhere (transmigration, postings).
        new Variant(35, null, null, null, null, null, null, 0, null, null, 0, false)));
    VARIANTS.put(Culture.BETAWI, List.of(new Variant(1, null, null, null, null, null, null, 0, null, null, 0, false)));
  }

  /** How traditions mix in Jakarta and in central agencies (rough national shares, %). */
  private static final Culture[] NATIONAL = {Culture.JAWA, Culture.SUNDA, Culture.BATAK, Culture.MINANG,
      Culture.MELAYU, Culture.BUGIS, Culture.BANJAR, Culture.BALI, Culture.MINAHASA, Culture.NTT, Culture.MALUKU,
      Culture.ACEH, Culture.SASAK, Culture.PAPUA, Culture.GORONTALO, Culture.DAYAK};
  private static final int[] NATIONAL_WEIGHTS = {40, 15, 8, 6, 8, 6, 3, 2, 2, 2, 2, 2, 1, 1, 1, 1};

  private static final String[] ARABIC_MALE = {"Husein", "Hamid", "Salim", "Umar", "Abdullah", "Muhammad", "Hasan", "Alwi", "Ali"};
  private static final String[] ARABIC_FEMALE = {"Syarifah", "Fauziah", "Nadia", "Fatimah", "Aisyah", "Sarah", "Khadijah"};
  private static final String[] ARABIC_FAMILY = {"Alatas", "Assegaf", "Alhabsyi", "Baswedan", "Bawazier", "Shahab",
      "Alaydrus", "Bafadal", "Basalamah", "Aljufri", "Bahasuan"};

  private Names() {
  }

  /** A culture for someone working in this region: mostly local, some from elsewhere. */
  static Culture cultureFor(Culture regional, SplittableRandom rnd) {
    if (regional == Culture.BETAWI) {
      return national(rnd);
    }
    // Civil servants move: about one in eight comes from elsewhere, mostly Java.
    if (regional != Culture.JAWA && regional != Culture.SUNDA && rnd.nextInt(8) == 0) {
      return rnd.nextBoolean() ? Culture.JAWA : national(rnd);
    }
    return regional;
  }

  static Culture national(SplittableRandom rnd) {
    return NATIONAL[weighted(NATIONAL_WEIGHTS, rnd)];
  }

  /** A person of the given tradition and sex. */
  static Person person(Culture culture, boolean female, SplittableRandom rnd) {
    if (rnd.nextInt(60) == 0 && culture != Culture.BALI && culture != Culture.PAPUA) {
      return new Person(pick(female ? ARABIC_FEMALE : ARABIC_MALE, rnd) + " " + pick(ARABIC_FAMILY, rnd), "Islam", null, culture);
    }
    List<Variant> variants = VARIANTS.get(culture);
    Variant v = variants.get(weighted(variants.stream().mapToInt(Variant::weight).toArray(), rnd));
    if (v.male() == null) {
      return person(national(rnd), female, rnd);
    }
    String agama = v.religions()[weighted(v.religionWeights(), rnd)];
    return person(v, female, agama, null, culture, rnd);
  }

  /** A person of the same tradition and religion as a relative; children take the family name. */
  static Person relative(Person of, boolean female, String inheritedMarga, SplittableRandom rnd) {
    Culture culture = of.culture();
    List<Variant> variants = VARIANTS.get(culture);
    for (Variant v : variants) {
      if (v.male() != null && List.of(v.religions()).contains(of.agama())) {
        return person(v, female, of.agama(), inheritedMarga, culture, rnd);
      }
    }
    return new Person(pick(female ? MUSLIM_FEMALE : MUSLIM_MALE, rnd) + " " + pick(female ? MUSLIM_FEMALE : MUSLIM_MALE, rnd),
        of.agama(), inheritedMarga, culture);
  }

  private static Person person(Variant v, boolean female, String agama, String inheritedMarga, Culture culture,
                               SplittableRandom rnd) {
    StringBuilder name = new StringBuilder();
    String[] prefixes = female ? v.prefixFemale() : v.prefixMale();
    if (prefixes != null && rnd.nextDouble() < v.prefixChance()) {
      name.append(pick(prefixes, rnd)).append(' ');
    }
    name.append(pick(female ? v.female() : v.male(), rnd));
    String marga = null;
    if (v.patrilineal()) {
      marga = inheritedMarga != null ? inheritedMarga : pick(v.lastMale(), rnd);
      if (!female || rnd.nextInt(3) > 0 || inheritedMarga != null) {
        name.append(' ').append(marga);
      }
    } else if (rnd.nextDouble() >= v.singleName()) {
      String[] last = female && v.lastFemale() != null ? v.lastFemale() : v.lastMale();
      if (last != null) {
        name.append(' ').append(pick(last, rnd));
      }
    }
    return new Person(name.toString(), agama, v.patrilineal() ? marga : null, culture);
  }

  /** The civil registry's spelling: mostly the same, sometimes a variant (the PNS may correct it). */
  static String dukcapilSpelling(String nama, SplittableRandom rnd) {
    int roll = rnd.nextInt(100);
    if (roll >= 6) {
      return nama;
    }
    if (nama.contains("Muhammad")) {
      return nama.replace("Muhammad", roll < 3 ? "Muhamad" : "Mohammad");
    }
    if (nama.startsWith("Siti ")) {
      return "Sitti " + nama.substring(5);
    }
    int space = nama.lastIndexOf(' ');
    return space > 0 && roll < 3 ? nama.substring(0, space) : nama.replace("y", "i");
  }

  static String pick(String[] values, SplittableRandom rnd) {
    return values[rnd.nextInt(values.length)];
  }

  static int weighted(int[] weights, SplittableRandom rnd) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int r = rnd.nextInt(total);
    for (int i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  private static String[] a(String... values) {
    return values;
  }

  private static int[] w(int... weights) {
    return weights;
  }
}
