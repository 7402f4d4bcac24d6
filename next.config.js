/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The dev-tools badge would sit over the timeline in screenshots and demos.
  devIndicators: false,
  // The e2e suite builds into its own folder, so it can run while `npm run dev` is up.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // `npm test` typechecks the whole project in a stage of its own before it builds for the e2e suite.
  typescript: { ignoreBuildErrors: process.env.FANLINE_TYPECHECKED === "1" },
};

export default nextConfig;
