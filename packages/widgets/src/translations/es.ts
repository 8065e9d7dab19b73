import type { Translation } from './en.ts';

const es: Translation = {
  loading: 'Cargando…',
  retry: 'Reintentar',
  errorGeneric: 'No pudimos cargar esto ahora.',
  errorNetwork: 'Sin conexión con la tienda. Revisa tu conexión y vuelve a intentarlo.',
  greetingHello: (name) => `Hola, ${name}`,
  greetingBirthday: (name) => `¡Feliz cumpleaños, ${name}!`,
  greetingBirthdayNote: 'Tienes un regalo esperándote en tus puntos.',
  greetingSignedOut: '¡Hola! Inicia sesión para ver tus puntos y beneficios.',
  greetingRegion: 'Tu cuenta',
  points: (formatted) => `${formatted} puntos`,
  tierLabel: 'Nivel',
  tiers: {
    top: 'Diamante',
    large: 'Oro',
    medium: 'Plata',
    small: 'Bronce',
    inactive: 'Miembro',
    potential: 'Nuevo miembro',
  },
};

export default es;
