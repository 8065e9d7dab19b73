export const spanishFemale = [
  'Ana', 'María José', 'Lucía', 'Valentina', 'Camila', 'Isidora', 'Fernanda', 'Catalina', 'Javiera', 'Sofía',
  'Martina', 'Antonia', 'Florencia', 'Constanza', 'Daniela', 'Carolina', 'Paula', 'Francisca', 'Josefa', 'Trinidad',
  'Gabriela', 'Renata', 'Agustina', 'Emilia', 'Rocío', 'Pilar', 'Ximena', 'Beatriz', 'Marcela', 'Verónica',
];
export const spanishMale = [
  'Diego', 'Matías', 'Benjamín', 'Tomás', 'Joaquín', 'Sebastián', 'Nicolás', 'Vicente', 'Martín', 'Felipe',
  'Agustín', 'Cristóbal', 'Ignacio', 'Maximiliano', 'Gonzalo', 'Rodrigo', 'Andrés', 'Pablo', 'Javier', 'Álvaro',
  'Francisco', 'Claudio', 'Héctor', 'Raúl', 'Eduardo', 'Mauricio', 'Esteban', 'Hernán', 'Patricio', 'Iván',
];
export const spanishSurnames = [
  'Torres', 'González', 'Muñoz', 'Rojas', 'Díaz', 'Pérez', 'Soto', 'Contreras', 'Silva', 'Martínez',
  'Sepúlveda', 'Morales', 'Rodríguez', 'López', 'Fuentes', 'Hernández', 'Araya', 'Flores', 'Espinoza', 'Valenzuela',
  'Castillo', 'Tapia', 'Reyes', 'Gutiérrez', 'Castro', 'Pizarro', 'Álvarez', 'Vásquez', 'Sánchez', 'Fernández',
  'Ramírez', 'Carrasco', 'Gómez', 'Cortés', 'Herrera', 'Núñez', 'Jara', 'Vergara', 'Rivera', 'Figueroa',
];
export const englishFemale = [
  'Emma', 'Olivia', 'Charlotte', 'Amelia', 'Grace', 'Hannah', 'Chloe', 'Emily', 'Lily', 'Sophie',
  'Isabella', 'Ava', 'Ruby', 'Alice', 'Harper', 'Evelyn', 'Abigail', 'Ella',
];
export const englishMale = [
  'James', 'Oliver', 'William', 'Henry', 'George', 'Jack', 'Thomas', 'Samuel', 'Daniel', 'Lucas',
  'Ethan', 'Noah', 'Liam', 'Harry', 'Charlie', 'Owen', 'Leo', 'Joseph',
];
export const englishSurnames = [
  'Clarke', 'Smith', 'Johnson', 'Brown', 'Taylor', 'Wilson', 'Davies', 'Evans', 'Walker', 'Wright',
  'Thompson', 'White', 'Hughes', 'Edwards', 'Green', 'Hall', 'Wood', 'Harris', 'Martin', 'Cooper',
];

/** Lowercase ASCII for an email address: "María José" → "mariajose". */
export function emailPart(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}
