"""The demo company as a Russian furniture maker in Moscow, selling in roubles with НДС."""

from decimal import Decimal as D

from stdnum.ru import inn

CURRENCY = "RUB"
PRICE_FACTOR = D("90")  # roubles for a euro of the English price list, whole roubles
COUNTRY = "RU"


def _ogrn(first12: str) -> str:
    return first12 + str(int(first12) % 11 % 10)


_INN = "77012345" + "6"
DETAILS = {
    "legal_name": "ООО «Дубрава Мебель»",
    "address": "ул. Лесная, д. 12\n125047 Москва\nРоссия",
    "country": "RU",
    "registration_number": _ogrn("102770012345"),
    "tax_id": _INN + inn.calc_company_check_digit(_INN),
    "email": "info@dubrava.example",
    "phone": "+7 495 555-01-00",
    "bank_name": "ПАО Сбербанк, БИК 044525225, р/с 40702810938000000001",
    "iban": "",
    "bic": "",
}

# name, rate %, country; the first is every product's rate.
TAX_RATES = [
    ("НДС 22 %", D("22"), "RU"),
    ("НДС 10 %", D("10"), "RU"),
    ("НДС 0 %", D("0"), "RU"),
]


# Each customer's billing address (street, postcode, town), in the same order as the English.
STREETS = [
    ("ул. Тверская, д. 12", "125009", "Москва"),
    ("Невский пр., д. 4", "191186", "Санкт-Петербург"),
    ("ул. Большая Покровская, д. 31", "603005", "Нижний Новгород"),
    ("ул. Баумана, д. 7", "420111", "Казань"),
    ("ул. Школьная, д. 2", "630099", "Новосибирск"),
    ("ул. Вайнера, д. 19", "620014", "Екатеринбург"),
    ("Приморский б-р, д. 40", "690091", "Владивосток"),
    ("ул. Портовая, д. 88", "236006", "Калининград"),
    ("ул. Красная, д. 60", "350000", "Краснодар"),
    ("ул. Ленина, д. 15", "614000", "Пермь"),
    ("ул. Гоголя, д. 5", "644099", "Омск"),
    ("ул. Сиреневая, д. 3", "443010", "Самара"),
]


def tax_id(number: int) -> str:
    """The ИНН of the demo party `number` (valid check digit)."""
    base = f"{771000000 + number:09d}"
    return base + inn.calc_company_check_digit(base)


def phone(english: str) -> str:
    return "+7 495 555-01-" + english[-2:]


NAMES = {
    # customer tags
    "Key account": "Ключевой клиент",
    "Reseller": "Перепродавец",
    "Trade fair 2026": "Выставка 2026",
    "Private customer": "Частное лицо",
    # funnel, price list, warehouses, stock
    "New lead": "Новый лид",
    "Qualified": "Квалифицирован",
    "Proposal sent": "Предложение отправлено",
    "Negotiation": "Переговоры",
    "Won": "Выиграна",
    "Lost": "Проиграна",
    "Wholesale": "Оптовый",
    "Main warehouse": "Основной склад",
    "Showroom store": "Шоурум",
    "Opening stock": "Начальные остатки",
    # customers, their contacts and job titles
    "Acme Corporation": "ООО «Ромашка»",
    "Maria Lopez": "Мария Лопатина",
    "Office manager": "Офис-менеджер",
    "maria.lopez@acme.example": "m.lopatina@romashka.example",
    "Birchwood Architects": "Архитектурное бюро «Берёза»",
    "Tom Becker": "Тимур Быков",
    "Partner": "Партнёр",
    "tom@birchwood.example": "timur@bereza.example",
    "Cobalt Consulting": "ООО «Кобальт Консалтинг»",
    "Nina Petrova": "Нина Петрова",
    "Head of operations": "Руководитель операционного отдела",
    "nina.petrova@cobalt.example": "n.petrova@cobalt.example",
    "@nina.cobalt": "@nina.cobalt",
    "Delta Dental Clinic": "Стоматология «Дельта»",
    "Dr. Jonas Weber": "Юрий Воронин",
    "Owner": "Владелец",
    "praxis@deltadental.example": "klinika@delta-stom.example",
    "Evergreen Schools": "АНО «Школы Эвергрин»",
    "Sarah Kim": "Светлана Ким",
    "Procurement": "Закупки",
    "procurement@evergreen.example": "zakupki@evergreen.example",
    "https://evergreen.example": "https://evergreen.example",
    "Foxglove Design Studio": "Дизайн-студия «Наперстянка»",
    "Lena Fischer": "Елена Фишер",
    "Studio lead": "Руководитель студии",
    "lena@foxglove.example": "elena@naperstyanka.example",
    "linkedin.com/in/lenafischer": "vk.com/elenafisher",
    "Granite Law Partners": "Коллегия адвокатов «Гранит»",
    "Paul Schmidt": "Павел Шмидт",
    "p.schmidt@granitelaw.example": "p.shmidt@granit-law.example",
    "Harbor Logistics": "ООО «Гавань Логистик»",
    "Ole Hansen": "Олег Ганин",
    "Facility manager": "Заведующий хозяйством",
    "ole.hansen@harbor.example": "o.ganin@gavan.example",
    "Ivy Coworking": "Коворкинг «Плющ»",
    "Mia Wagner": "Мила Вагнер",
    "Community manager": "Комьюнити-менеджер",
    "mia@ivycowork.example": "mila@plyushch.example",
    "Juniper Hotels": "Сеть отелей «Можжевельник»",
    "Carlos Diaz": "Кирилл Дьяков",
    "Purchasing": "Снабжение",
    "purchasing@juniper.example": "snab@mozhzhevelnik.example",
    "Kestrel Software": "ООО «Пустельга Софт»",
    "Anna Novak": "Анна Новак",
    "People & places": "Кадры и офис",
    "anna.novak@kestrel.example": "a.novak@pustelga.example",
    "@anna.kestrel": "@anna.pustelga",
    "Laura Meyer": "Людмила Мельникова",
    "laura.meyer@mail.example": "l.melnikova@mail.example",
    # suppliers
    "Nordic Timber AB": "ООО «Северный лес»",
    "Erik Lund": "Егор Лунин",
    "orders@nordictimber.example": "zakaz@severles.example",
    "Steelworks GmbH": "АО «Сталь-Профиль»",
    "Kai Richter": "Кирилл Рихтер",
    "sales@steelworks.example": "sales@stalprofil.example",
    "FastFix Fasteners": "ООО «Крепёж-Экспресс»",
    "Ute Braun": "Ульяна Брагина",
    "shop@fastfix.example": "shop@krepezh.example",
    "Office Supply Co": "ООО «Офис-Снаб»",
    "Ben Taylor": "Борис Тарасов",
    "b2b@officesupply.example": "b2b@ofis-snab.example",
    "Sales": "Отдел продаж",
    # products
    "Oak desk": "Дубовый стол",
    "Desk frame": "Каркас стола",
    "Oak tabletop 160x80": "Дубовая столешница 160x80",
    "Steel tube 40x40 mm": "Труба стальная 40x40 мм",
    "Screw M6x20": "Винт M6x20",
    "Ergonomic office chair": "Эргономичное офисное кресло",
    "LED desk lamp": "Светодиодная настольная лампа",
    "Three-drawer pedestal": "Тумба с тремя ящиками",
    "Cable tray": "Кабельный лоток",
    # deals and what was said
    "New office floor: 20 desks": "Новый офисный этаж: 20 столов",
    "Standing desks for the dev team": "Столы с регулировкой высоты для разработчиков",
    "Teachers' room refit": "Ремонт учительской",
    "Chairs for the dispatch office": "Кресла для диспетчерской",
    "Reception desk": "Стойка ресепшн",
    "Chose a local carpenter": "Выбрали местного столяра",
    "Second location furniture": "Мебель для второй площадки",
    "Walked through the new floor plan; 20 desks, 20 chairs.": (
        "Обсудили планировку нового этажа: 20 столов, 20 кресел."
    ),
    "Sent the quotation for the oak desks.": "Отправили коммерческое предложение на дубовые столы.",
    "Asked about height-adjustable frames; call back next week.": (
        "Спрашивали о каркасах с регулировкой высоты; перезвонить на следующей неделе."
    ),
    "Prefers delivery before 10 am at gate 3.": "Просят доставку до 10:00 к воротам 3.",
    # documents
    "Demo: standing desks": "Демо: регулируемые столы",
    "Demo: meeting room": "Демо: переговорная",
    "Demo: reception": "Демо: ресепшн",
    "Demo: pedestals": "Демо: тумбы",
    "Demo: floor chairs": "Демо: кресла для этажа",
    "Demo: dispatch lamps": "Демо: лампы для диспетчерской",
    "Demo: desks for stock": "Демо: столы на склад",
    "Went with a local carpenter": "Заказали у местного столяра",
}
