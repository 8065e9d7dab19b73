import { demoStream, SeededRandom } from './random.ts';

interface Category {
  name: string;
  /** Background and accent of the product pictures in this category. */
  colors: [string, string];
  /** What the store sells; `rebuyDays` for what a shopper buys again now and then (clothes wear out), none for a durable bought once. */
  items: Array<[name: string, description: string, minPrice: number, maxPrice: number, rebuyDays?: number]>;
  /** Consumables and refills, rebought on a cycle of `rebuyDays` by whoever uses them: numbered after every item above. */
  supplies?: Array<[name: string, description: string, minPrice: number, maxPrice: number, rebuyDays: number]>;
}

const categories: Category[] = [
  {
    name: 'Electrohogar',
    colors: ['#dbeafe', '#1d4ed8'],
    items: [
      ['Freidora de aire 5 L', 'Cocina crujiente con poco aceite; canasto antiadherente apto para lavavajillas.', 49_990, 89_990],
      ['Cafetera espresso', 'Bomba de 15 bares y vaporizador para leche.', 69_990, 189_990],
      ['Hervidor eléctrico 1,7 L', 'Acero inoxidable con apagado automático.', 14_990, 29_990],
      ['Licuadora de alta potencia', 'Motor de 1.200 W y jarro de vidrio de 2 L.', 39_990, 79_990],
      ['Aspiradora robot', 'Mapeo del hogar y regreso automático a su base.', 149_990, 349_990],
      ['Microondas 25 L', 'Grill y diez programas automáticos.', 69_990, 119_990],
      ['Plancha a vapor', 'Suela cerámica y golpe de vapor vertical.', 19_990, 44_990],
      ['Batidora de pedestal', 'Bowl de 4,5 L y tres accesorios.', 89_990, 199_990],
    ],
    supplies: [
      ['Café en grano 1 kg', 'Tostado medio, molienda a gusto para espresso.', 12_990, 24_990, 30],
      ['Té en hebras 250 g', 'Mezcla de té negro y hierbas, en lata.', 5_990, 11_990, 45],
      ['Descalcificador para cafetera', 'Dos dosis; cuida la bomba y el sabor.', 6_990, 12_990, 90],
      ['Filtros para aspiradora robot, pack de 3', 'Filtros HEPA y cepillos laterales de repuesto.', 9_990, 19_990, 120],
    ],
  },
  {
    name: 'Tecnología',
    colors: ['#ede9fe', '#6d28d9'],
    items: [
      ['Audífonos inalámbricos', 'Cancelación activa de ruido y 30 horas de batería.', 39_990, 249_990],
      ['Parlante Bluetooth', 'Resistente al agua, sonido 360°.', 24_990, 129_990],
      ['Smartwatch deportivo', 'GPS, ritmo cardíaco y notificaciones.', 79_990, 299_990],
      ['Tablet 10 pulgadas', '128 GB y pantalla Full HD.', 149_990, 399_990],
      ['Notebook 14 pulgadas', '16 GB de RAM y SSD de 512 GB.', 499_990, 999_990],
      ['Cargador rápido 65 W', 'USB-C con carga para notebook y teléfono.', 19_990, 39_990],
      ['Teclado mecánico', 'Switches silenciosos y retroiluminación.', 44_990, 109_990],
      ['Mouse ergonómico', 'Inalámbrico, recargable, seis botones.', 19_990, 59_990],
    ],
    supplies: [['Pilas recargables AA, pack de 4', 'Níquel-metal hidruro, 2.500 mAh.', 7_990, 14_990, 120]],
  },
  {
    name: 'Hogar',
    colors: ['#fef3c7', '#b45309'],
    items: [
      ['Juego de sábanas 400 hilos', 'Algodón egipcio, dos plazas.', 34_990, 79_990],
      ['Plumón nórdico', 'Relleno de microfibra hipoalergénica.', 39_990, 99_990],
      ['Set de ollas 7 piezas', 'Antiadherentes, aptas para inducción.', 59_990, 149_990],
      ['Lámpara de pie', 'Luz cálida regulable, base de madera.', 29_990, 89_990],
      ['Cojín decorativo', 'Funda de lino lavable.', 7_990, 19_990],
      ['Vajilla 18 piezas', 'Gres esmaltado para seis personas.', 39_990, 89_990],
      ['Toallas de baño, set de 4', 'Algodón peinado de 600 g/m².', 24_990, 49_990],
    ],
    supplies: [['Velas aromáticas, set de 3', 'Cera de soya, 30 horas cada una.', 8_990, 16_990, 45]],
  },
  {
    name: 'Moda',
    colors: ['#fce7f3', '#be185d'],
    items: [
      ['Chaqueta impermeable', 'Capucha desmontable, costuras selladas.', 49_990, 129_990],
      ['Zapatillas urbanas', 'Cuero sintético y plantilla acolchada.', 39_990, 99_990, 300],
      ['Jeans de corte recto', 'Mezclilla elasticada.', 24_990, 49_990, 240],
      ['Polerón con capucha', 'Algodón orgánico afelpado.', 19_990, 44_990, 300],
      ['Bototos de cuero', 'Suela de goma antideslizante.', 59_990, 139_990],
      ['Bufanda de alpaca', 'Tejida a mano.', 14_990, 34_990],
      ['Mochila de viaje 30 L', 'Compartimento acolchado para notebook.', 29_990, 79_990],
    ],
    supplies: [
      ['Calcetines, pack de 6', 'Algodón peinado, talla única.', 7_990, 14_990, 120],
      ['Impermeabilizante para calzado', 'Spray de 250 ml para cuero y textil.', 6_990, 12_990, 120],
    ],
  },
  {
    name: 'Deportes',
    colors: ['#dcfce7', '#15803d'],
    items: [
      ['Bicicleta aro 29', 'Cuadro de aluminio y frenos de disco.', 249_990, 599_990],
      ['Mat de yoga', 'Antideslizante, 6 mm.', 12_990, 34_990],
      ['Set de mancuernas', 'Ajustables de 2 a 20 kg.', 49_990, 119_990],
      ['Carpa 4 personas', 'Doble techo e impermeable.', 79_990, 189_990],
      ['Botella térmica 1 L', 'Mantiene frío 24 h y caliente 12 h.', 12_990, 29_990],
      ['Zapatillas de running', 'Amortiguación reactiva.', 59_990, 149_990, 240],
      ['Saco de dormir', 'Confort hasta -5 °C.', 34_990, 89_990],
    ],
    supplies: [
      ['Cartucho de gas para camping', 'Gas butano-propano de 450 g para cocinillas.', 4_990, 9_990, 60],
      ['Proteína en polvo 1 kg', 'Suero de leche sabor vainilla, 33 porciones.', 19_990, 34_990, 30],
      ['Calcetines de running, pack de 3', 'Técnicos, antiampollas.', 9_990, 17_990, 120],
    ],
  },
  {
    name: 'Belleza',
    colors: ['#ffe4e6', '#be123c'],
    items: [
      ['Secador de pelo iónico', '2.000 W con difusor.', 24_990, 89_990],
      ['Perfume 100 ml', 'Notas florales y amaderadas.', 39_990, 119_990, 150],
      ['Set de cuidado facial', 'Limpiador, sérum y crema hidratante.', 19_990, 59_990, 60],
      ['Plancha de pelo', 'Placas de cerámica y turmalina.', 19_990, 69_990],
      ['Afeitadora eléctrica', 'Recargable, uso en seco y húmedo.', 34_990, 119_990],
    ],
    supplies: [
      ['Cuchillas de repuesto para afeitadora', 'Cabezal de tres hojas.', 14_990, 29_990, 90],
      ['Protector térmico capilar', 'Spray de 200 ml, hasta 230 °C.', 7_990, 15_990, 60],
    ],
  },
];

const brands = ['Aurora', 'Nexo', 'Kuma', 'Andes', 'Pampa', 'Litoral'];

export interface DemoProduct {
  id: string;
  name: string;
  description: string;
  category: string;
  price: number;
  imageUrl: string;
  stock: number;
  /** How often shoppers pick it, relative to the rest. */
  popularity: number;
  /** The item it is a brand of ("Freidora de aire 5 L"), and the brand. */
  item: string;
  brand: string;
  /** How many days a shopper who uses it goes before buying it again; undefined for a durable, bought once. */
  rebuyDays: number | undefined;
  /** A consumable or refill (coffee, gas cartridges), bought again on its cycle by whoever took to it. */
  supply: boolean;
}

/**
 * What goes with what: shoppers who buy an item often buy these with it or
 * soon after (the supplies among them again and again, on their cycle). The
 * order generator follows these links, which gives the demo store the
 * cross-selling a real store's history has.
 */
export const complements: Record<string, string[]> = {
  'Freidora de aire 5 L': ['Set de ollas 7 piezas', 'Vajilla 18 piezas'],
  'Cafetera espresso': ['Café en grano 1 kg', 'Descalcificador para cafetera', 'Vajilla 18 piezas'],
  'Hervidor eléctrico 1,7 L': ['Té en hebras 250 g', 'Vajilla 18 piezas'],
  'Licuadora de alta potencia': ['Botella térmica 1 L', 'Proteína en polvo 1 kg'],
  'Aspiradora robot': ['Filtros para aspiradora robot, pack de 3'],
  'Microondas 25 L': ['Vajilla 18 piezas', 'Set de ollas 7 piezas'],
  'Plancha a vapor': ['Toallas de baño, set de 4', 'Juego de sábanas 400 hilos'],
  'Batidora de pedestal': ['Set de ollas 7 piezas', 'Vajilla 18 piezas'],
  'Café en grano 1 kg': ['Descalcificador para cafetera'],
  'Té en hebras 250 g': ['Vajilla 18 piezas'],
  'Audífonos inalámbricos': ['Cargador rápido 65 W', 'Smartwatch deportivo'],
  'Parlante Bluetooth': ['Cargador rápido 65 W', 'Audífonos inalámbricos'],
  'Smartwatch deportivo': ['Zapatillas de running', 'Cargador rápido 65 W'],
  'Tablet 10 pulgadas': ['Cargador rápido 65 W', 'Teclado mecánico'],
  'Notebook 14 pulgadas': ['Mouse ergonómico', 'Teclado mecánico', 'Mochila de viaje 30 L', 'Cargador rápido 65 W'],
  'Cargador rápido 65 W': ['Pilas recargables AA, pack de 4'],
  'Teclado mecánico': ['Mouse ergonómico', 'Pilas recargables AA, pack de 4'],
  'Mouse ergonómico': ['Teclado mecánico', 'Pilas recargables AA, pack de 4'],
  'Juego de sábanas 400 hilos': ['Plumón nórdico', 'Cojín decorativo'],
  'Plumón nórdico': ['Juego de sábanas 400 hilos', 'Cojín decorativo'],
  'Set de ollas 7 piezas': ['Vajilla 18 piezas'],
  'Lámpara de pie': ['Velas aromáticas, set de 3', 'Cojín decorativo'],
  'Cojín decorativo': ['Velas aromáticas, set de 3', 'Lámpara de pie'],
  'Vajilla 18 piezas': ['Set de ollas 7 piezas'],
  'Toallas de baño, set de 4': ['Juego de sábanas 400 hilos'],
  'Velas aromáticas, set de 3': ['Cojín decorativo'],
  'Chaqueta impermeable': ['Bufanda de alpaca', 'Impermeabilizante para calzado', 'Bototos de cuero'],
  'Zapatillas urbanas': ['Calcetines, pack de 6', 'Jeans de corte recto'],
  'Jeans de corte recto': ['Polerón con capucha', 'Zapatillas urbanas'],
  'Polerón con capucha': ['Jeans de corte recto'],
  'Bototos de cuero': ['Impermeabilizante para calzado', 'Calcetines, pack de 6', 'Chaqueta impermeable'],
  'Bufanda de alpaca': ['Chaqueta impermeable'],
  'Mochila de viaje 30 L': ['Botella térmica 1 L', 'Saco de dormir'],
  'Bicicleta aro 29': ['Botella térmica 1 L', 'Smartwatch deportivo'],
  'Mat de yoga': ['Botella térmica 1 L', 'Set de mancuernas'],
  'Set de mancuernas': ['Proteína en polvo 1 kg', 'Mat de yoga'],
  'Carpa 4 personas': ['Saco de dormir', 'Cartucho de gas para camping', 'Mochila de viaje 30 L'],
  'Botella térmica 1 L': ['Mochila de viaje 30 L'],
  'Zapatillas de running': ['Calcetines de running, pack de 3', 'Smartwatch deportivo', 'Botella térmica 1 L'],
  'Saco de dormir': ['Carpa 4 personas', 'Cartucho de gas para camping'],
  'Proteína en polvo 1 kg': ['Botella térmica 1 L'],
  'Secador de pelo iónico': ['Protector térmico capilar', 'Plancha de pelo'],
  'Perfume 100 ml': ['Set de cuidado facial'],
  'Set de cuidado facial': ['Perfume 100 ml'],
  'Plancha de pelo': ['Protector térmico capilar', 'Secador de pelo iónico'],
  'Afeitadora eléctrica': ['Cuchillas de repuesto para afeitadora', 'Set de cuidado facial'],
};

/** A product picture: the category's colours, a simple mark and the initials of product and brand, as an SVG data URI. */
function productImage(name: string, [background, accent]: [string, string], variant: number): string {
  // The product's first letter and its brand's: "Freidora de aire 5 L Aurora" → "FA".
  const words = name.split(/\s+/);
  const initials = `${words[0]![0]}${words.at(-1)![0]}`.toUpperCase();
  const mark =
    variant % 3 === 0
      ? `<circle cx="200" cy="170" r="90" fill="${accent}" opacity=".18"/>`
      : variant % 3 === 1
        ? `<rect x="110" y="80" width="180" height="180" rx="36" fill="${accent}" opacity=".18"/>`
        : `<path d="M200 70 L300 250 L100 250 Z" fill="${accent}" opacity=".18"/>`;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400"><rect width="400" height="400" fill="${background}"/>${mark}` +
    `<text x="200" y="205" font-family="system-ui,sans-serif" font-size="96" font-weight="700" fill="${accent}" text-anchor="middle" dominant-baseline="middle">${initials}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

/** Rounds a peso price to the "…990" endings Chilean stores use. */
const storePrice = (value: number) => Math.max(990, Math.round(value / 1000) * 1000 - 10);

/**
 * 162 products in six categories, each item in three brands, with stock and
 * a popularity for the order generator: the 126 durables and clothes first,
 * then the 36 supplies, each supply priced from a stream of its own so the
 * products before them (and the customers drawn after them) stay as they were.
 */
export function demoCatalog(random: SeededRandom): DemoProduct[] {
  const products: DemoProduct[] = [];
  const add = (category: Category, [name, description, min, max, rebuyDays]: Category['items'][number], draw: SeededRandom, supply: boolean) => {
    for (const brand of brands.slice(0, 3).map((_, i) => brands[(products.length + i) % brands.length]!)) {
      const number = products.length + 1;
      const fullName = `${name} ${brand}`;
      const price = storePrice(min + draw.next() * (max - min));
      const imageUrl = productImage(fullName, category.colors, number);
      // Supplies are always in stock: the demo's sold-out products stay the ones its wishlists wait for.
      const stock = supply ? draw.int(20, 200) : draw.chance(0.08) ? 0 : draw.int(1, 120);
      products.push({
        id: `p-${String(number).padStart(3, '0')}`,
        name: fullName,
        description,
        category: category.name,
        price,
        imageUrl,
        stock,
        popularity: draw.pareto(1.2),
        item: name,
        brand,
        rebuyDays,
        supply,
      });
    }
  };
  for (const category of categories) for (const item of category.items) add(category, item, random, false);
  for (const category of categories) for (const supply of category.supplies ?? []) add(category, supply, demoStream(`catalog ${supply[0]}`), true);
  return products;
}

/**
 * What each demo product is (its item, whatever the brand) and whether it is
 * a durable, bought once: the truth the recommendations' evaluation checks
 * the engine's learned durables and substitutes against. Ids and items do
 * not depend on the seed.
 */
export function demoProductTruth(): Map<string, { item: string; durable: boolean }> {
  return new Map(demoCatalog(new SeededRandom(1)).map((product) => [product.id, { item: product.item, durable: product.rebuyDays === undefined }]));
}

/** The rewards, in Spanish and English: shoppers read them in their own language. */
export const demoRewards = [
  {
    id: 'despacho-gratis',
    name: { es: 'Despacho gratis', en: 'Free delivery' },
    description: { es: 'Un despacho a domicilio sin costo en tu próxima compra.', en: 'One home delivery at no cost on your next purchase.' },
    cost: 1_500,
  },
  {
    id: 'cafe-cortesia',
    name: { es: 'Café de cortesía', en: 'Coffee on the house' },
    description: { es: 'Un café en la cafetería de cualquier tienda Aurora.', en: 'A coffee at the café of any Aurora store.' },
    cost: 800,
  },
  {
    id: 'bolso-aurora',
    name: { es: 'Bolso reutilizable Aurora', en: 'Aurora reusable bag' },
    description: { es: 'Bolso de algodón orgánico para tus compras.', en: 'An organic cotton bag for your shopping.' },
    cost: 2_500,
  },
  {
    id: 'cupon-5000',
    name: { es: 'Cupón de $5.000', en: '$5.000 voucher' },
    description: { es: 'Descuento de $5.000 en compras sobre $30.000.', en: '$5.000 off purchases over $30.000.' },
    cost: 4_000,
  },
  {
    id: 'cupon-10000',
    name: { es: 'Cupón de $10.000', en: '$10.000 voucher' },
    description: { es: 'Descuento de $10.000 en compras sobre $50.000.', en: '$10.000 off purchases over $50.000.' },
    cost: 7_500,
  },
  {
    id: 'preventa',
    name: { es: 'Acceso a preventa', en: 'Early access to sales' },
    description: { es: 'Compra 48 horas antes en la próxima temporada de ofertas.', en: 'Shop 48 hours ahead of everyone in the next sale season.' },
    cost: 3_000,
  },
  {
    id: 'gift-card-20000',
    name: { es: 'Gift card de $20.000', en: '$20.000 gift card' },
    description: { es: 'Para ti o para regalar.', en: 'For you, or to give.' },
    cost: 14_000,
  },
  {
    id: 'instalacion',
    name: { es: 'Instalación a domicilio', en: 'Home installation' },
    description: { es: 'Instalación de un electrodoméstico por un técnico certificado.', en: 'An appliance installed by a certified technician.' },
    cost: 6_000,
  },
  {
    id: 'audifonos-nexo',
    name: { es: 'Audífonos inalámbricos Nexo', en: 'Nexo wireless headphones' },
    description: { es: 'Los audífonos más pedidos, canjeados con tus puntos.', en: 'Our most wanted headphones, for your points.' },
    cost: 30_000,
  },
  {
    id: 'noche-hotel',
    name: { es: 'Noche de hotel para dos', en: 'A hotel night for two' },
    description: { es: 'Una noche en hoteles asociados, desayuno incluido.', en: 'One night at partner hotels, breakfast included.' },
    cost: 60_000,
  },
];
