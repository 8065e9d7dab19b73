import type { SeededRandom } from './random.ts';

interface Category {
  name: string;
  /** Background and accent of the product pictures in this category. */
  colors: [string, string];
  items: Array<[name: string, description: string, minPrice: number, maxPrice: number]>;
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
  },
  {
    name: 'Moda',
    colors: ['#fce7f3', '#be185d'],
    items: [
      ['Chaqueta impermeable', 'Capucha desmontable, costuras selladas.', 49_990, 129_990],
      ['Zapatillas urbanas', 'Cuero sintético y plantilla acolchada.', 39_990, 99_990],
      ['Jeans de corte recto', 'Mezclilla elasticada.', 24_990, 49_990],
      ['Polerón con capucha', 'Algodón orgánico afelpado.', 19_990, 44_990],
      ['Bototos de cuero', 'Suela de goma antideslizante.', 59_990, 139_990],
      ['Bufanda de alpaca', 'Tejida a mano.', 14_990, 34_990],
      ['Mochila de viaje 30 L', 'Compartimento acolchado para notebook.', 29_990, 79_990],
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
      ['Zapatillas de running', 'Amortiguación reactiva.', 59_990, 149_990],
      ['Saco de dormir', 'Confort hasta -5 °C.', 34_990, 89_990],
    ],
  },
  {
    name: 'Belleza',
    colors: ['#ffe4e6', '#be123c'],
    items: [
      ['Secador de pelo iónico', '2.000 W con difusor.', 24_990, 89_990],
      ['Perfume 100 ml', 'Notas florales y amaderadas.', 39_990, 119_990],
      ['Set de cuidado facial', 'Limpiador, sérum y crema hidratante.', 19_990, 59_990],
      ['Plancha de pelo', 'Placas de cerámica y turmalina.', 19_990, 69_990],
      ['Afeitadora eléctrica', 'Recargable, uso en seco y húmedo.', 34_990, 119_990],
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
}

/**
 * What goes with what: shoppers who buy an item often buy these with it or
 * soon after. The order generator follows these links, which gives the demo
 * store the cross-selling a real store's history has.
 */
export const complements: Record<string, string[]> = {
  'Freidora de aire 5 L': ['Set de ollas 7 piezas', 'Licuadora de alta potencia', 'Vajilla 18 piezas'],
  'Cafetera espresso': ['Hervidor eléctrico 1,7 L', 'Vajilla 18 piezas', 'Batidora de pedestal'],
  'Hervidor eléctrico 1,7 L': ['Cafetera espresso', 'Microondas 25 L'],
  'Licuadora de alta potencia': ['Botella térmica 1 L', 'Batidora de pedestal', 'Freidora de aire 5 L'],
  'Aspiradora robot': ['Plancha a vapor', 'Lámpara de pie'],
  'Microondas 25 L': ['Hervidor eléctrico 1,7 L', 'Set de ollas 7 piezas'],
  'Plancha a vapor': ['Aspiradora robot', 'Toallas de baño, set de 4'],
  'Batidora de pedestal': ['Set de ollas 7 piezas', 'Cafetera espresso'],
  'Audífonos inalámbricos': ['Smartwatch deportivo', 'Cargador rápido 65 W', 'Parlante Bluetooth'],
  'Parlante Bluetooth': ['Audífonos inalámbricos', 'Tablet 10 pulgadas'],
  'Smartwatch deportivo': ['Zapatillas de running', 'Audífonos inalámbricos', 'Botella térmica 1 L'],
  'Tablet 10 pulgadas': ['Cargador rápido 65 W', 'Parlante Bluetooth', 'Teclado mecánico'],
  'Notebook 14 pulgadas': ['Mouse ergonómico', 'Teclado mecánico', 'Mochila de viaje 30 L', 'Cargador rápido 65 W'],
  'Cargador rápido 65 W': ['Notebook 14 pulgadas', 'Audífonos inalámbricos'],
  'Teclado mecánico': ['Mouse ergonómico', 'Notebook 14 pulgadas'],
  'Mouse ergonómico': ['Teclado mecánico', 'Notebook 14 pulgadas'],
  'Juego de sábanas 400 hilos': ['Plumón nórdico', 'Cojín decorativo', 'Toallas de baño, set de 4'],
  'Plumón nórdico': ['Juego de sábanas 400 hilos', 'Cojín decorativo'],
  'Set de ollas 7 piezas': ['Vajilla 18 piezas', 'Freidora de aire 5 L', 'Batidora de pedestal'],
  'Lámpara de pie': ['Cojín decorativo', 'Plumón nórdico'],
  'Cojín decorativo': ['Lámpara de pie', 'Juego de sábanas 400 hilos'],
  'Vajilla 18 piezas': ['Set de ollas 7 piezas', 'Cafetera espresso'],
  'Toallas de baño, set de 4': ['Juego de sábanas 400 hilos', 'Secador de pelo iónico'],
  'Chaqueta impermeable': ['Bototos de cuero', 'Bufanda de alpaca', 'Mochila de viaje 30 L'],
  'Zapatillas urbanas': ['Jeans de corte recto', 'Polerón con capucha'],
  'Jeans de corte recto': ['Zapatillas urbanas', 'Polerón con capucha'],
  'Polerón con capucha': ['Jeans de corte recto', 'Zapatillas urbanas'],
  'Bototos de cuero': ['Chaqueta impermeable', 'Carpa 4 personas'],
  'Bufanda de alpaca': ['Chaqueta impermeable', 'Perfume 100 ml'],
  'Mochila de viaje 30 L': ['Saco de dormir', 'Botella térmica 1 L', 'Notebook 14 pulgadas'],
  'Bicicleta aro 29': ['Botella térmica 1 L', 'Smartwatch deportivo'],
  'Mat de yoga': ['Set de mancuernas', 'Botella térmica 1 L', 'Zapatillas de running'],
  'Set de mancuernas': ['Mat de yoga', 'Zapatillas de running'],
  'Carpa 4 personas': ['Saco de dormir', 'Mochila de viaje 30 L', 'Bototos de cuero'],
  'Botella térmica 1 L': ['Mat de yoga', 'Mochila de viaje 30 L'],
  'Zapatillas de running': ['Smartwatch deportivo', 'Botella térmica 1 L', 'Mat de yoga'],
  'Saco de dormir': ['Carpa 4 personas', 'Mochila de viaje 30 L'],
  'Secador de pelo iónico': ['Plancha de pelo', 'Set de cuidado facial'],
  'Perfume 100 ml': ['Set de cuidado facial', 'Bufanda de alpaca'],
  'Set de cuidado facial': ['Perfume 100 ml', 'Secador de pelo iónico'],
  'Plancha de pelo': ['Secador de pelo iónico', 'Set de cuidado facial'],
  'Afeitadora eléctrica': ['Perfume 100 ml', 'Set de cuidado facial'],
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

/** 120 products in six categories, each item in three brands, with stock and a popularity for the order generator. */
export function demoCatalog(random: SeededRandom): DemoProduct[] {
  const products: DemoProduct[] = [];
  for (const category of categories) {
    for (const [name, description, min, max] of category.items) {
      for (const brand of brands.slice(0, 3).map((_, i) => brands[(products.length + i) % brands.length]!)) {
        const number = products.length + 1;
        const fullName = `${name} ${brand}`;
        products.push({
          id: `p-${String(number).padStart(3, '0')}`,
          name: fullName,
          description,
          category: category.name,
          price: storePrice(min + random.next() * (max - min)),
          imageUrl: productImage(fullName, category.colors, number),
          stock: random.chance(0.08) ? 0 : random.int(1, 120),
          popularity: random.pareto(1.2),
          item: name,
          brand,
        });
      }
    }
  }
  return products;
}

export const demoRewards = [
  { id: 'despacho-gratis', name: 'Despacho gratis', description: 'Un despacho a domicilio sin costo en tu próxima compra.', cost: 1_500 },
  { id: 'cafe-cortesia', name: 'Café de cortesía', description: 'Un café en la cafetería de cualquier tienda Aurora.', cost: 800 },
  { id: 'bolso-aurora', name: 'Bolso reutilizable Aurora', description: 'Bolso de algodón orgánico para tus compras.', cost: 2_500 },
  { id: 'cupon-5000', name: 'Cupón de $5.000', description: 'Descuento de $5.000 en compras sobre $30.000.', cost: 4_000 },
  { id: 'cupon-10000', name: 'Cupón de $10.000', description: 'Descuento de $10.000 en compras sobre $50.000.', cost: 7_500 },
  { id: 'preventa', name: 'Acceso a preventa', description: 'Compra 48 horas antes en la próxima temporada de ofertas.', cost: 3_000 },
  { id: 'gift-card-20000', name: 'Gift card de $20.000', description: 'Para ti o para regalar.', cost: 14_000 },
  { id: 'instalacion', name: 'Instalación a domicilio', description: 'Instalación de un electrodoméstico por un técnico certificado.', cost: 6_000 },
  { id: 'audifonos-nexo', name: 'Audífonos inalámbricos Nexo', description: 'Los audífonos más pedidos, canjeados con tus puntos.', cost: 30_000 },
  { id: 'noche-hotel', name: 'Noche de hotel para dos', description: 'Una noche en hoteles asociados, desayuno incluido.', cost: 60_000 },
];
