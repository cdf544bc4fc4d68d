# Jekyll plugin used only by scripts/jekyll-compare.ts: records every post Jekyll builds
# (path, date, title, categories, tags, rendered body without layout) into the JSON file
# named by EDGEWIRE_ORACLE_OUT. A post whose Liquid fails is recorded with its error and
# built from its unrendered text, so one bad post does not stop the oracle for the rest.
require "json"

module EdgewireOracle
  POSTS = []
  ERRORS = {}
end

module EdgewireOracleRescue
  def render_liquid(content, payload, info, path = nil)
    super
  rescue StandardError => e
    EdgewireOracle::ERRORS[document.relative_path] = "#{e.class}: #{e.message}"
    content
  end
end
Jekyll::Renderer.prepend(EdgewireOracleRescue)

Jekyll::Hooks.register :posts, :post_render do |doc|
  EdgewireOracle::POSTS << {
    "path" => doc.relative_path,
    "date" => doc.date.iso8601,
    "title" => doc.data["title"].to_s,
    "categories" => Array(doc.data["categories"]).map(&:to_s),
    "tags" => Array(doc.data["tags"]).map(&:to_s),
    "url" => doc.url,
    "content" => doc.content.to_s,
  }
end

Jekyll::Hooks.register :site, :post_write do |_site|
  out = ENV.fetch("EDGEWIRE_ORACLE_OUT")
  posts = EdgewireOracle::POSTS.map { |p| p.merge("liquidError" => EdgewireOracle::ERRORS[p["path"]]) }
  File.write(out, JSON.generate(posts))
end
